using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>
/// GET /api/v1/reviews/export: CSV of every review the key may read, external ids only. An account key reads exactly
/// the reviews of the brands associated with its account; a platform key reads every review.
/// </summary>
public sealed class ReviewsExportApiTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static async Task<List<string[]>> CsvAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("id,created_at,rating,title,body,verified_purchase,order_id,brand_id,brand_name,asin,product_title");
        // Demo titles and bodies hold no commas or quotes in their ids; the id is the first cell whatever the rest.
        return lines.Skip(1).Select(l => l.Split(',')).ToList();
    }

    [Theory]
    [InlineData("S1")]
    [InlineData("S3")]
    public async Task Export_AccountKey_ExactlyTheReviewsOfItsAccountsBrandsInIdOrder(string seller)
    {
        await using var db = portal.CreateContext();
        var expected = await db.Reviews
            .Where(r => db.BrandSellers.Any(s => s.BrandId == r.BrandId && s.SellerAccount!.ExternalId == seller))
            .OrderBy(r => r.Id).Select(r => r.ExternalId).ToListAsync();
        var key = await portal.CreateKeyAsync(seller, "reviews:read");

        var rows = await CsvAsync(await portal.ApiClient(key).GetAsync("/api/v1/reviews/export"));

        expected.Should().NotBeEmpty();
        rows.Select(r => r[0]).Should().Equal(expected);
    }

    [Fact]
    public async Task Export_PlatformKey_EveryReview()
    {
        await using var db = portal.CreateContext();
        var expected = await db.Reviews.OrderBy(r => r.Id).Select(r => r.ExternalId).ToListAsync();
        var key = await portal.CreateKeyAsync(null, "reviews:read");

        var rows = await CsvAsync(await portal.ApiClient(key).GetAsync("/api/v1/reviews/export"));

        rows.Select(r => r[0]).Should().Equal(expected);
    }

    [Fact]
    public async Task Export_BrandAndStars_OnlyThoseReviewsWithTheirExternalIds()
    {
        await using var db = portal.CreateContext();
        var b1 = await db.Brands.Where(b => b.ExternalId == "B1").Select(b => b.Id).SingleAsync();
        var expected = await db.Reviews.Where(r => r.BrandId == b1 && (r.Rating == 1 || r.Rating == 2)).OrderBy(r => r.Id)
            .Select(r => r.ExternalId).ToListAsync();
        var key = await portal.CreateKeyAsync("S1", "reviews:read");

        var rows = await CsvAsync(await portal.ApiClient(key).GetAsync("/api/v1/reviews/export?brand=B1&stars=1&stars=2"));

        expected.Should().NotBeEmpty();
        rows.Select(r => r[0]).Should().Equal(expected);
        rows.Should().OnlyContain(r => r.Contains("B1"), "the brand column is the brand's external id, never a database key");
    }

    [Fact]
    public async Task Export_AnotherAccountsBrand_Is400AndNoRows()
    {
        var globex = await portal.CreateKeyAsync("S3", "reviews:read");

        var response = await portal.ApiClient(globex).GetAsync("/api/v1/reviews/export?brand=B2");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("$.brand");
    }

    [Theory]
    [InlineData("stars=9", "$.stars")]
    [InlineData("from=2026-13-01", "$.from")]
    [InlineData("from=2026-05-10&to=2026-05-01", "$.to")]
    public async Task Export_BadParameter_Is400AtItsPath(string query, string path)
    {
        var key = await portal.CreateKeyAsync("S1", "reviews:read");

        var response = await portal.ApiClient(key).GetAsync($"/api/v1/reviews/export?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"\"{path}\"");
    }
}
