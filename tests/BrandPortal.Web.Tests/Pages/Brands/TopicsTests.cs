using System.Net;
using BrandPortal.Core.Import;
using BrandPortal.Core.Topics;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands;

/// <summary>The Topics section of /Brands on demo data plus a few imported reviews: Acme's hinges squeak, Acme Outdoors' zippers jam.</summary>
public sealed class TopicsTests(DemoPortal portal) : IClassFixture<DemoPortal>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = portal.CreateContext();
        if (await db.Reviews.AnyAsync(r => r.ExternalId == "TW-C1")) return;
        var when = DateTimeOffset.UtcNow.AddDays(-3);
        ReviewRecord Review(string id, string asin, int rating, string body) => new("$", id, asin, "C1", null, rating, "Title", body, when, VerifiedPurchase: false);
        var reviews = new List<ReviewRecord>();
        for (var i = 0; i < 4; i++)
        {
            reviews.Add(Review($"TW-C{i}", "B000ACME01", 1, "The hinge squeaks every morning."));
            reviews.Add(Review($"TW-P{i}", "B000ACME01", 5, "Lovely colour and it pours well."));
            reviews.Add(Review($"TW-O{i}", "B000ACOD01", 1, "The zipper jams on every trip."));
        }
        (await new ImportService(db).ImportAsync(ImportFile.Empty with { Reviews = reviews })).Succeeded.Should().BeTrue();
        // What the portal's background refresh does within Topics:RefreshInterval, done now (TopicRefreshTests covers the refresh).
        await TopicIndex.RefreshAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The dashboard's Topics section for Acme's B000ACME01, all time, in English.</summary>
    private async Task<string> ProductViewAsync()
    {
        await using var db = portal.CreateContext();
        var product = await db.Products.Where(p => p.Asin == "B000ACME01").Select(p => p.Id).SingleAsync();
        return $"/Brands?period=all&topics_product={product}&topics_lang=en";
    }

    private async Task<long> BrandAsync(string externalId)
    {
        await using var db = portal.CreateContext();
        return await db.Brands.Where(b => b.ExternalId == externalId).Select(b => b.Id).SingleAsync();
    }

    [Fact]
    public async Task Dashboard_OneBrandRepresentative_ShowsCriticalTopicWithLinkEffectChartAndExamples()
    {
        var client = await portal.SignInAsync(DemoUsers.RepOneBrand);
        var (response, doc) = await client.GetPageAsync(await ProductViewAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var row = doc.QuerySelectorAll("#topics-section table.topic-table tbody tr")
            .First(r => r.QuerySelector("th")!.TextContent.Trim() == "hinge squeaks");
        row.QuerySelector("th a span[translate=no]")!.TextContent.Should().Be("hinge squeaks");
        row.QuerySelector("th a")!.GetAttribute("href").Should().Contain("topic=en%3Ahing%20squeak").And.Contain($"brand={await BrandAsync("B1")}");
        row.QuerySelector(".topic-effect svg[role=img]")!.GetAttribute("aria-label").Should().StartWith("Average rating 1.0★ with this topic");
        row.QuerySelectorAll(".topic-examples li span[translate=no]").Select(s => s.TextContent)
            .Should().Contain("The hinge squeaks every morning.");
    }

    [Fact]
    public async Task Dashboard_ProductOfABrandNotRepresented_ShowsNothingOfIt()
    {
        await using var db = portal.CreateContext();
        var outdoors = await db.Products.Where(p => p.Asin == "B000ACOD01").Select(p => p.Id).SingleAsync();
        var client = await portal.SignInAsync(DemoUsers.RepOneBrand);

        var (response, doc) = await client.GetPageAsync($"/Brands?brand={await BrandAsync("B2")}&period=all&topics_product={outdoors}&topics_lang=en");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.QuerySelector("#topics-section").Should().NotBeNull();
        doc.Body!.TextContent.Should().NotContain("zipper").And.NotContain("Acme Outdoors");
    }

    [Fact]
    public async Task TopicLink_OpensCustomerReviewsWithOnlyThatTopicAndAWayBack()
    {
        var client = await portal.SignInAsync(DemoUsers.RepOneBrand);
        var (_, dashboard) = await client.GetPageAsync(await ProductViewAsync());
        var link = dashboard.QuerySelectorAll("#topics-section a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("topic=en%3Ahing%20squeak"));

        var (response, doc) = await client.GetPageAsync(link);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.QuerySelector("#topic-filter input[name=topic][checked]")!.GetAttribute("value").Should().Be("en:hing squeak");
        doc.QuerySelector("#filter-summary")!.TextContent.Should().Contain("about “hing squeak”");
        doc.QuerySelectorAll(".review-body, [class*=review] [translate=no]").Select(e => e.TextContent)
            .Where(t => t.Contains("hinge", StringComparison.OrdinalIgnoreCase))
            .Should().NotBeEmpty();
        doc.Body!.TextContent.Should().NotContain("zipper");
    }

    [Theory]
    [InlineData("de", "Themen", "Worum es in kritischen Rezensionen geht")]
    [InlineData("ja", "トピック", "低評価レビューの話題")]
    public async Task Dashboard_AcceptLanguage_ShowsTheSectionTranslatedAndPhrasesUntranslated(string language, string heading, string critical)
    {
        var client = await portal.SignInAsync(DemoUsers.RepOneBrand);
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue(language));

        var (_, doc) = await client.GetPageAsync(await ProductViewAsync());

        doc.QuerySelector("#topics")!.TextContent.Should().Be(heading);
        doc.QuerySelector("#topics-critical")!.TextContent.Should().Be(critical);
        doc.QuerySelectorAll("#topics-section span[translate=no]").Select(s => s.TextContent).Should().Contain("hinge squeaks");
    }
}
