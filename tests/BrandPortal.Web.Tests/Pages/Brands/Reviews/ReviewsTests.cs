using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>Customer Reviews over HTTP: navigation, access, each filter, pagination and tenant isolation. Reads only.</summary>
public sealed class ReviewsTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData(DemoUsers.RepTwoBrands, true)]
    [InlineData(DemoUsers.Viewer, true)]
    [InlineData(DemoUsers.NoPermission, false)]
    [InlineData(DemoUsers.RegistryAdmin, false)]
    [InlineData(DemoUsers.AccountAdmin, false)]
    public async Task BrandsMenu_ShowsCustomerReviews_OnlyWithPermissionAndRepresentativeRole(string email, bool shown)
    {
        var client = await portal.SignInAsync(email);
        var (_, doc) = await client.GetPageAsync("/Brands");
        (doc.QuerySelector("#nav-customer-reviews") is not null).Should().Be(shown);
    }

    [Theory]
    [InlineData(DemoUsers.NoPermission, true, false)]
    [InlineData(DemoUsers.RegistryAdmin, false, true)]
    [InlineData(DemoUsers.AccountAdmin, true, true)]
    public async Task Reviews_WithoutAccess_ExplainsWhatIsMissingAndWhatToDo(string email, bool missingPermission, bool missingRole)
    {
        var client = await portal.SignInAsync(email);
        var (response, doc) = await client.GetPageAsync("/Brands/Reviews");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        doc.QuerySelector("h2#no-access-title")!.TextContent.Should().Be("You cannot open Customer Reviews yet");
        (doc.QuerySelector("#missing-permission") is not null).Should().Be(missingPermission);
        (doc.QuerySelector("#missing-role") is not null).Should().Be(missingRole);
        if (missingPermission) doc.QuerySelector("#missing-permission")!.TextContent.Should().Contain("View and Edit").And.Contain("Advertising");
        if (missingRole) doc.QuerySelector("#missing-role")!.TextContent.Should().Contain("Brand Registry case");
        Cards(doc).Should().BeEmpty();
    }

    [Fact]
    public async Task Reviews_Default_ShowsCriticalReviewsOfTheLast12MonthsOfRepresentedBrands()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var ids = await AllIdsAsync(client, "/Brands/Reviews");
        await using var db = portal.CreateContext();
        var brands = new[] { await BrandIdAsync(db, "Acme"), await BrandIdAsync(db, "Acme Outdoors") };
        var since = DateTimeOffset.UtcNow.AddMonths(-12);
        var expected = await db.Reviews.Where(r => brands.Contains(r.BrandId) && r.Rating <= 3 && r.CreatedAt >= since)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToListAsync();
        expected.Should().NotBeEmpty();
        ids.Should().Equal(expected);
        var (_, doc) = await client.GetPageAsync("/Brands/Reviews");
        doc.QuerySelector("#review-total")!.TextContent.Should().Be(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        doc.QuerySelectorAll("input[name=stars][checked]").Select(i => i.GetAttribute("value")).Should().Equal("1", "2", "3");
    }

    [Fact]
    public async Task Reviews_StarsFilter_ShowsOnlyThoseRatings()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, doc) = await client.GetPageAsync("/Brands/Reviews?stars=1&stars=2&period=all");
        Cards(doc).Should().NotBeEmpty().And.OnlyContain(c => Stars(c) <= 2);
        Cards(doc).Select(Stars).Should().Contain(1).And.Contain(2);
        doc.QuerySelectorAll("input[name=stars][checked]").Select(i => i.GetAttribute("value")).Should().Equal("1", "2");
    }

    [Fact]
    public async Task Reviews_FiveStars_ShowNoContactBlock()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, doc) = await client.GetPageAsync("/Brands/Reviews?stars=5&period=all");
        Cards(doc).Should().NotBeEmpty().And.OnlyContain(c => Stars(c) == 5 && c.QuerySelector(".review-actions") == null);
    }

    [Fact]
    public async Task Reviews_BrandFilter_ShowsOneBrandAndIsOfferedOnlyToRepresentativesOfSeveral()
    {
        await using var db = portal.CreateContext();
        var outdoors = await BrandIdAsync(db, "Acme Outdoors");
        var two = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, doc) = await two.GetPageAsync($"/Brands/Reviews?brand={outdoors}&period=all");
        Cards(doc).Should().NotBeEmpty().And.OnlyContain(c => Brand(c) == "Acme Outdoors");
        doc.QuerySelector("select#brand option[selected]")!.TextContent.Should().Be("Acme Outdoors");
        (await AllIdsAsync(two, "/Brands/Reviews?period=all")).Should().HaveCountGreaterThan(0);

        var one = await portal.SignInAsync(DemoUsers.RepOneBrand);
        var (_, single) = await one.GetPageAsync("/Brands/Reviews");
        single.QuerySelector("select#brand").Should().BeNull();
        Cards(single).Should().OnlyContain(c => Brand(c) == "Acme");
    }

    [Fact]
    public async Task Reviews_BrandNotRepresented_IsRefusedAndNothingOfItShows()
    {
        await using var db = portal.CreateContext();
        var outdoors = await BrandIdAsync(db, "Acme Outdoors");
        var client = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var (response, doc) = await client.GetPageAsync($"/Brands/Reviews?brand={outdoors}&period=all&stars=1&stars=2&stars=3&stars=4&stars=5");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ReviewPages.Messages(doc).Should().ContainSingle(m => m.Contains("You do not represent that brand"));
        var ids = await AllIdsAsync(client, $"/Brands/Reviews?brand={outdoors}&period=all&stars=1&stars=2&stars=3&stars=4&stars=5");
        var outdoorsIds = await db.Reviews.Where(r => r.BrandId == outdoors).Select(r => r.Id).ToListAsync();
        ids.Should().NotBeEmpty().And.NotIntersectWith(outdoorsIds);
        doc.Body!.TextContent.Should().NotContain("Acme Outdoors");
    }

    [Fact]
    public async Task Reviews_OtherTenant_SeesOnlyTheirBrands()
    {
        await using var db = portal.CreateContext();
        var visible = new[] { await BrandIdAsync(db, "Acme"), await BrandIdAsync(db, "Globex") };
        var client = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var ids = await AllIdsAsync(client, "/Brands/Reviews?period=all&stars=1&stars=2&stars=3&stars=4&stars=5");
        var expected = await db.Reviews.Where(r => visible.Contains(r.BrandId)).Select(r => r.Id).ToListAsync();
        ids.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task Reviews_Period30Days_ShowsOnlyRecentReviews()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var ids = await AllIdsAsync(client, "/Brands/Reviews?period=30d");
        await using var db = portal.CreateContext();
        var since = DateTimeOffset.UtcNow.AddDays(-30);
        var expected = await db.Reviews.Where(r => ids.Contains(r.Id) && r.CreatedAt >= since).CountAsync();
        ids.Should().NotBeEmpty().And.HaveCount(expected);
        (await AllIdsAsync(client, "/Brands/Reviews?period=90d")).Should().HaveCountGreaterThan(ids.Count);
    }

    [Fact]
    public async Task Reviews_CustomDates_IncludeBothDays()
    {
        await using var db = portal.CreateContext();
        var acme = await BrandIdAsync(db, "Acme");
        var sample = await db.Reviews.Where(r => r.BrandId == acme).OrderBy(r => r.Id).Skip(10).Select(r => r.CreatedAt).FirstAsync();
        var from = sample.UtcDateTime.Date.AddDays(-3);
        var to = sample.UtcDateTime.Date;
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var url = $"/Brands/Reviews?brand={acme}&stars=1&stars=2&stars=3&stars=4&stars=5&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var ids = await AllIdsAsync(client, url);
        DateTimeOffset start = new(from, TimeSpan.Zero), end = new(to.AddDays(1), TimeSpan.Zero);
        var expected = await db.Reviews.Where(r => r.BrandId == acme && r.CreatedAt >= start && r.CreatedAt < end).Select(r => r.Id).ToListAsync();
        ids.Should().NotBeEmpty().And.BeEquivalentTo(expected);
        var (_, doc) = await client.GetPageAsync(url);
        doc.QuerySelector("#from")!.GetAttribute("value").Should().Be($"{from:yyyy-MM-dd}");
        doc.QuerySelector("#period option[selected]")!.GetAttribute("value").Should().Be("custom");
    }

    [Fact]
    public async Task Reviews_Search_MatchesWordsOfTitleOrBody()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, doc) = await client.GetPageAsync("/Brands/Reviews?period=all&q=leaks");
        Cards(doc).Should().NotBeEmpty().And.OnlyContain(c => c.TextContent.Contains("leak", StringComparison.OrdinalIgnoreCase));
        doc.QuerySelector("#q")!.GetAttribute("value").Should().Be("leaks");
        var (_, none) = await client.GetPageAsync("/Brands/Reviews?period=all&q=zzqxnotaword");
        Cards(none).Should().BeEmpty();
        none.QuerySelector(".empty-state").Should().NotBeNull();
    }

    [Theory]
    [InlineData("oldest")]
    [InlineData("lowest")]
    [InlineData("newest")]
    public async Task Reviews_Sort_OrdersAllPagesWithoutDuplicatesOrGaps(string sort)
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var ids = await AllIdsAsync(client, $"/Brands/Reviews?period=all&stars=1&stars=2&stars=3&stars=4&stars=5&sort={sort}");
        await using var db = portal.CreateContext();
        var brands = new[] { await BrandIdAsync(db, "Acme"), await BrandIdAsync(db, "Acme Outdoors") };
        var all = db.Reviews.Where(r => brands.Contains(r.BrandId));
        var expected = await (sort switch
        {
            "oldest" => all.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            "lowest" => all.OrderBy(r => r.Rating).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            _ => all.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        }).Select(r => r.Id).ToListAsync();
        expected.Should().HaveCountGreaterThan(100, "the walk must cross several pages");
        ids.Should().OnlyHaveUniqueItems().And.Equal(expected);
    }

    [Theory]
    [InlineData("oldest")]
    [InlineData("lowest")]
    [InlineData("newest")]
    public async Task Reviews_SearchAcrossPages_MatchesFullTextSearchInOrderWithoutDuplicates(string sort)
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var url = $"/Brands/Reviews?period=all&stars=1&stars=2&stars=3&stars=4&stars=5&q=acme&sort={sort}";
        var ids = await AllIdsAsync(client, url);
        await using var db = portal.CreateContext();
        var brands = new[] { await BrandIdAsync(db, "Acme"), await BrandIdAsync(db, "Acme Outdoors") };
        var all = db.Reviews.Where(r => brands.Contains(r.BrandId)
            && EF.Functions.ToTsVector("simple", r.Title + " " + r.Body).Matches(EF.Functions.PlainToTsQuery("simple", "acme")));
        var expected = await (sort switch
        {
            "oldest" => all.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            "lowest" => all.OrderBy(r => r.Rating).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            _ => all.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        }).Select(r => r.Id).ToListAsync();
        expected.Should().HaveCountGreaterThan(25, "the walk must cross pages");
        ids.Should().Equal(expected);
        var (_, doc) = await client.GetPageAsync(url);
        doc.QuerySelector("#review-total")!.TextContent.Should().Be(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reviews_ManyPages_TotalIsExactAndNextLinksKeepTheFilter()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, first) = await client.GetPageAsync("/Brands/Reviews?period=all&stars=4&stars=5&sort=oldest");
        var next = first.QuerySelector("#next-page")!.GetAttribute("href")!;
        next.Should().Contain("stars=4&stars=5").And.Contain("period=all").And.Contain("sort=oldest").And.Contain("after=");
        var (_, second) = await client.GetPageAsync(next);
        second.QuerySelector("#review-total")!.TextContent.Should().Be(first.QuerySelector("#review-total")!.TextContent);
        Cards(second).Should().OnlyContain(c => Stars(c) >= 4);
        second.QuerySelector("a[href^='/Brands/Reviews?']:not(#next-page)")!.TextContent.Should().Contain("first page");
    }

    [Theory]
    [InlineData("stars=9", "Star ratings go from 1 to 5")]
    [InlineData("stars=abc&stars=2", "Star ratings go from 1 to 5")]
    [InlineData("from=2026-05-01&to=2026-01-01", "The end date is before the start date")]
    [InlineData("from=2026-13-45", "The start date must be a date")]
    [InlineData("to=yesterday", "The end date must be a date")]
    [InlineData("period=forever", "The time period must be")]
    [InlineData("period=custom", "Custom dates need")]
    [InlineData("after=not-a-cursor!!", "The page link is not valid")]
    [InlineData("after=Mi5uLjEuNS4x", "The page link is not valid")]
    [InlineData("brand=abc", "That brand is not valid")]
    [InlineData("brand=99999999999999999999", "That brand is not valid")]
    [InlineData("contact=maybe", "The contact state must be")]
    [InlineData("sort=random", "sorted newest first")]
    [InlineData("from=2026-02-30", "The start date must be a date")]
    [InlineData("brand=0", "You do not represent that brand")]
    [InlineData("after=%E2%9C%93%F0%9F%98%80", "The page link is not valid")]
    [InlineData("to=9999-12-31&from=0001-01-01", "The start date must be between 2000-01-01 and 2100-12-31")]
    [InlineData("to=9999-12-31", "The end date must be between 2000-01-01 and 2100-12-31")]
    [InlineData("from=2023-02-29", "The start date must be a date")]
    [InlineData("q=%ED%A0%80%F0%9F%98%80", null)]
    [InlineData("stars=&period=&contact=&sort=&q=&after=", null)]
    [InlineData("q=%00%01", null)]
    [InlineData("q=%27%3B%20DROP%20TABLE%20reviews%3B--", null)]
    [InlineData("q=%21%26%7C%3A*", null)]
    public async Task Reviews_InvalidFilter_ShowsClearMessageAndDefaults(string query, string? message)
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, doc) = await client.GetPageAsync("/Brands/Reviews?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.QuerySelector("h1")!.TextContent.Should().Be("Customer Reviews");
        if (message is null) ReviewPages.Messages(doc).Should().BeEmpty();
        else ReviewPages.Messages(doc).Should().Contain(m => m.Contains(message));
    }

    [Fact]
    public async Task Reviews_TenKilobyteSearch_IsNotAppliedAndSaysSo()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, doc) = await client.GetPageAsync("/Brands/Reviews?q=" + new string('a', 10_000));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ReviewPages.Messages(doc).Should().ContainSingle(m => m.Contains("limited to 200 characters"));
        Cards(doc).Should().NotBeEmpty();
        doc.QuerySelector("#q")!.GetAttribute("value").Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task Reviews_CursorOfAnotherSort_StartsAtFirstPageWithMessage()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, first) = await client.GetPageAsync("/Brands/Reviews?period=all");
        var next = first.QuerySelector("#next-page")!.GetAttribute("href")!;
        var (_, doc) = await client.GetPageAsync(next + "&sort=oldest");
        ReviewPages.Messages(doc).Should().ContainSingle(m => m.Contains("another sort order"));
    }

    [Fact]
    public async Task Reviews_SignedOut_RedirectsToSignIn()
    {
        var response = await portal.Factory.NewClient().Http.GetAsync("/Brands/Reviews");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task Help_ExplainsTheMenuTheReasonsAndTheFiltersTheReviewsPageLinksTo()
    {
        var client = await portal.SignInAsync(DemoUsers.NoPermission);
        var (_, reviews) = await client.GetPageAsync("/Brands/Reviews");
        reviews.QuerySelectorAll("a[href^='/Help#']").Select(a => a.GetAttribute("href")).Should().Contain("/Help#menu");
        var (_, help) = await client.GetPageAsync("/Help");
        foreach (var anchor in new[] { "menu", "unable", "filters" }) help.GetElementById(anchor).Should().NotBeNull(anchor);
        help.GetElementById("menu")!.ParentElement!.TextContent.Should().Contain("View and Edit").And.Contain("Advertising").And.Contain("case");
    }
}
