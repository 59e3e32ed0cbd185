using System.Net;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands;

/// <summary>
/// Review history over HTTP on the demo as `seed-demo` leaves it: Hans's Acme review, answered by Acme Trading three
/// weeks ago, came again at 4★. The dashboard counts it for Acme Trading only; the Contact page shows it as edited to
/// every representative of Acme, encoded, and to nobody else; its card on Customer Reviews says *Edited* and links there.
/// </summary>
public sealed class ReviewHistoryPagesTests(DemoPortal portal) : IClassFixture<DemoPortal>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        // The portal's own context: AccessService's compiled query belongs to the portal's model.
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrandPortalDbContext>();
        if (await db.ReviewVersions.AnyAsync()) return;
        var options = portal.Factory.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        await DemoContacts.SeedAsync(db, options, TimeProvider.System);
        await DemoConversations.SeedAsync(db, options, TimeProvider.System);
        (await DemoEdits.SeedAsync(db)).Should().Be(1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(long ReviewId, int RatingThen)> EditedAsync()
    {
        await using var db = portal.CreateContext();
        var hans = await db.ReviewVersions
            .Where(v => db.Reviews.Any(r => r.Id == v.ReviewId && db.Customers.Any(c => c.Id == r.CustomerId && c.Email == DemoEdits.Customer)))
            .Select(v => new { v.ReviewId, v.Rating }).SingleAsync();
        return (hans.ReviewId, hans.Rating);
    }

    [Theory]
    [InlineData(DemoUsers.RepTwoBrands)]
    [InlineData(DemoUsers.RepOneBrand)]
    public async Task Dashboard_RepresentativeOfTheContactingAccount_ShowsTheRatingChangeUnderCustomerSupport(string user)
    {
        var (_, then) = await EditedAsync();
        using var client = await portal.SignInAsync(user);

        var (response, doc) = await client.GetPageAsync("/Brands?period=all");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var support = doc.QuerySelector("td.rating-changes[data-reason=CustomerSupport]")!;
        support.TextContent.Should().Contain("1 (1 better, 0 worse)");
        var line = support.QuerySelectorAll("li").Should().ContainSingle().Subject;
        line.QuerySelector("[aria-hidden=true]")!.TextContent.Should().Be($"{then}★ → {DemoEdits.NewRating}★");
        line.QuerySelector(".sr-only")!.TextContent.Should().Be($"from {then} to {DemoEdits.NewRating} stars");
        line.TextContent.Should().EndWith(": 1");
        doc.QuerySelector("td.rating-changes[data-reason=CourtesyRefund]")!.TextContent.Trim().Should().Be("None");
        support.Closest("tr")!.QuerySelector("td")!.TextContent.Should().NotBe("0", "Acme Trading's own contacts count");
        support.Closest("table")!.QuerySelector("thead th:last-child")!.TextContent.Should().Be("Rating changed after the contact");
    }

    [Fact]
    public async Task Dashboard_AnotherSellerAccountOnTheSharedBrand_CountsNoneOfAcmeTradingsContactsOrChanges()
    {
        using var client = await portal.SignInAsync(DemoUsers.OtherTenantRep);

        var (response, doc) = await client.GetPageAsync("/Brands?period=all");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.QuerySelectorAll("td.rating-changes").Select(td => td.TextContent.Trim()).Should().Equal("None", "None");
        var outcomes = doc.QuerySelector("td.rating-changes")!.Closest("table")!;
        outcomes.QuerySelectorAll("tbody tr > td:nth-of-type(1)").Select(td => td.TextContent).Should().Equal(new[] { "0", "0" },
            "all the demo's contacts were sent by Acme Trading");
    }

    [Theory]
    [InlineData(DemoUsers.RepTwoBrands)]
    [InlineData(DemoUsers.Viewer)]
    [InlineData(DemoUsers.OtherTenantRep)]
    public async Task ContactPage_EditedReview_ShowsEditedWithTheEarlierVersionInDetails(string user)
    {
        var (reviewId, then) = await EditedAsync();
        using var client = await portal.SignInAsync(user);

        var (response, doc) = await client.GetPageAsync($"/Brands/Reviews/{reviewId}/Contact");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.QuerySelector("#review-edited")!.TextContent.Should().StartWith("Edited on ");
        doc.QuerySelector("#review-title")!.TextContent.Should().Be("Great support");
        var versions = doc.QuerySelector("details#review-versions")!;
        versions.HasAttribute("open").Should().BeFalse("the earlier versions show on demand");
        versions.QuerySelector("summary")!.TextContent.Should().Be("Earlier versions (1)");
        var earlier = versions.QuerySelectorAll("ol > li").Should().ContainSingle().Subject;
        earlier.QuerySelector(".stars")!.GetAttribute("aria-label").Should().Be($"{then} out of 5 stars");
        earlier.QuerySelectorAll("time").Should().HaveCount(2);
        earlier.TextContent.Should().NotContain("Update: the brand answered", "that is what the review says now");
    }

    [Fact]
    public async Task ReviewsList_EditedReview_CardShowsEditedWithALinkToItsEarlierVersions()
    {
        var (reviewId, _) = await EditedAsync();
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        // "replacement" is in the edited text only, so the 4★ card is on the first page.
        var (response, doc) = await client.GetPageAsync("/Brands/Reviews?stars=4&period=all&q=replacement");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var card = doc.QuerySelector($"article.review-card[data-review-id='{reviewId}']")!;
        card.Should().NotBeNull();
        var edited = card.QuerySelector(".review-edited")!;
        edited.TextContent.Should().StartWith("Edited ");
        edited.QuerySelector("time")!.GetAttribute("datetime").Should().NotBeNullOrEmpty();
        edited.QuerySelector("a")!.GetAttribute("href").Should().Be($"/Brands/Reviews/{reviewId}/Contact#review-versions");
        card.QuerySelector("details").Should().BeNull("the versions load on the Contact page, on demand");
    }

    [Fact]
    public async Task ReviewsList_ReviewNeverChanged_CardShowsNoEditedNote()
    {
        var reviewId = await ContactSteps.ReviewIdAsync(portal, "R0001");
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (response, doc) = await client.GetPageAsync("/Brands/Reviews?stars=3&period=all&q=leaks");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var card = doc.QuerySelector($"article.review-card[data-review-id='{reviewId}']")!;
        card.Should().NotBeNull();
        card.QuerySelector(".review-edited").Should().BeNull();
        card.TextContent.Should().NotContain("earlier versions");
    }

    [Fact]
    public async Task ContactPage_ReviewNeverChanged_ShowsNoEditedNote()
    {
        var reviewId = await ContactSteps.ReviewIdAsync(portal, "R0001");
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (response, doc) = await client.GetPageAsync($"/Brands/Reviews/{reviewId}/Contact");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.QuerySelector("#review-edited").Should().BeNull();
        doc.QuerySelector("#review-versions").Should().BeNull();
    }

    [Theory]
    [InlineData(DemoUsers.NoPermission)]
    [InlineData(DemoUsers.Customer)]
    public async Task ContactPage_UserWhoMayNotSeeTheReview_NeverSeesItsHistory(string user)
    {
        var (reviewId, _) = await EditedAsync();
        using var client = await portal.SignInAsync(user);

        var response = await client.Http.GetAsync($"/Brands/Reviews/{reviewId}/Contact");

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("Earlier versions").And.NotContain("Great support");
    }

    [Fact]
    public async Task ContactPage_EarlierVersionWithMarkup_IsEncoded()
    {
        var reviewId = await ContactSteps.ReviewIdAsync(portal, "R0067");
        await using (var db = portal.CreateContext())
        {
            var created = await db.Reviews.Where(r => r.Id == reviewId).Select(r => r.CreatedAt).SingleAsync();
            db.ReviewVersions.Add(new ReviewVersion
            {
                ReviewId = reviewId, Rating = 1, Title = "<script>alert('t')</script>", Body = "<img src=x onerror=alert(1)>",
                ValidFrom = created, ReplacedAt = created.AddDays(1),
            });
            await db.SaveChangesAsync();
        }
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (_, doc) = await client.GetPageAsync($"/Brands/Reviews/{reviewId}/Contact");

        var versions = doc.QuerySelector("#review-versions")!;
        versions.QuerySelectorAll("script, img").Should().BeEmpty();
        versions.TextContent.Should().Contain("<script>alert('t')</script>").And.Contain("<img src=x onerror=alert(1)>");
    }
}
