using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>Export CSV on Customer Reviews: the page's filter and brand scoping, RFC 4180, formulas neutralised.</summary>
public sealed class ReviewsCsvTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private const string AllStarsAllTime = "stars=1&stars=2&stars=3&stars=4&stars=5&period=all";

    private static async Task<List<List<string>>> CsvAsync(PortalClient client, string query)
    {
        var response = await client.Http.GetAsync($"/Brands/Reviews?handler=Csv&{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var records = CsvParse.Records(await response.Content.ReadAsStringAsync());
        records[0].Should().Equal("review_id", "date_utc", "brand", "asin", "product", "rating", "title", "body", "verified_purchase",
            "order_date_utc", "contact_state");
        records.Skip(1).Where(r => r.Count != 11).Should().BeEmpty();
        return records.Skip(1).ToList();
    }

    [Fact]
    public async Task Csv_HostileCells_RoundTripExactlyWithFormulasNeutralised()
    {
        string[] hostile = ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1+1", "-2", "@SUM(A1)", "\tTabbed", "\rCarriage", "a, \"quoted\"\r\nsecond line\nthird"];
        await using var db = portal.CreateContext();
        var acme = await BrandIdAsync(db, "Acme");
        var template = await db.Reviews.AsNoTracking().FirstAsync(r => r.BrandId == acme);
        var added = hostile.Select((text, i) => new Review
        {
            ExternalId = $"csv-hostile-{i}", ProductId = template.ProductId, BrandId = acme, CustomerId = template.CustomerId, Rating = 1,
            Title = text, Body = "Body " + text, CreatedAt = DateTimeOffset.UtcNow.AddDays(-400).AddMinutes(i), VerifiedPurchase = false,
        }).ToList();
        db.Reviews.AddRange(added);
        await db.SaveChangesAsync();

        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var rows = (await CsvAsync(client, $"stars=1&brand={acme}&period=all")).ToDictionary(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var review in added)
        {
            var row = rows[review.Id];
            var expected = review.Title[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + review.Title : review.Title;
            row[6].Should().Be(expected);
            row[7].Should().Be("Body " + review.Title, "a body that starts with a letter is kept as it is");
            row[2].Should().Be("Acme");
            row[5].Should().Be("1");
            row[8].Should().Be("no");
            row[10].Should().Be("not contacted");
        }
    }

    [Theory]
    [InlineData("stars=1&stars=2")]
    [InlineData("stars=2&stars=3&sort=oldest")]
    [InlineData(AllStarsAllTime + "&sort=lowest")]
    [InlineData("stars=1&stars=2&stars=3&period=all&q=the")]
    [InlineData(AllStarsAllTime + "&contact=none")]
    public async Task Csv_Filter_ListsExactlyWhatThePagesList(string query)
    {
        await using var db = portal.CreateContext();
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var acme = await BrandIdAsync(db, "Acme");
        foreach (var q in new[] { query, query + $"&brand={acme}" })
        {
            var pages = await AllIdsAsync(client, "/Brands/Reviews?" + q);
            var csv = (await CsvAsync(client, q)).Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            csv.Should().Equal(pages, $"the export of {q} follows the page's filter and order");
        }
    }

    [Theory]
    [InlineData(DemoUsers.RepOneBrand)]
    [InlineData(DemoUsers.RepTwoBrands)]
    [InlineData(DemoUsers.OtherTenantRep)]
    public async Task Csv_EveryReview_OnlyOfRepresentedBrands(string email)
    {
        await using var db = portal.CreateContext();
        var brands = await db.Users.Where(u => u.Email == email).SelectMany(u => u.BrandRoles)
            .Where(r => r.Role == BrandRole.BrandRepresentative).Select(r => r.BrandId).ToListAsync();
        var names = await db.Brands.Where(b => brands.Contains(b.Id)).Select(b => b.Name).ToListAsync();
        var expected = await db.Reviews.Where(r => brands.Contains(r.BrandId)).Select(r => r.Id).ToListAsync();

        var client = await portal.SignInAsync(email);
        var rows = await CsvAsync(client, AllStarsAllTime);
        rows.Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).Should().BeEquivalentTo(expected);
        rows.Select(r => r[2]).Distinct().Should().BeSubsetOf(names);

        var foreign = await db.Brands.Where(b => !brands.Contains(b.Id)).Select(b => b.Id).FirstAsync();
        var scoped = await CsvAsync(client, AllStarsAllTime + $"&brand={foreign}");
        scoped.Select(r => r[2]).Distinct().Should().BeSubsetOf(names, "a brand the user does not represent widens nothing");
    }

    [Theory]
    [InlineData(DemoUsers.NoPermission)]
    [InlineData(DemoUsers.RegistryAdmin)]
    public async Task Csv_WithoutCustomerReviewsAccess_IsRefused(string email)
    {
        var client = await portal.SignInAsync(email);
        var response = await client.Http.GetAsync("/Brands/Reviews?handler=Csv&period=all");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.Should().NotBe("text/csv");
    }

    [Fact]
    public async Task Page_ExportLink_KeepsTheCurrentFilter()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, doc) = await client.GetPageAsync("/Brands/Reviews?stars=1&stars=2&period=90d&sort=oldest");
        doc.QuerySelector("#export-csv")!.GetAttribute("href").Should().Be("/Brands/Reviews?handler=Csv&stars=1&stars=2&period=90d&sort=oldest");
    }
}
