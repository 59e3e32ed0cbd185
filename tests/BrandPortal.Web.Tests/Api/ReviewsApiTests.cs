using System.Net;
using System.Text.Json;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>GET /api/v1/reviews(/{id}): the page's filter and query, external ids, account-only eligibility, other accounts 404.</summary>
public sealed class ReviewsApiTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Theory]
    [InlineData("stars=1&stars=2&stars=3&stars=4&stars=5&period=all", "stars=1&stars=2&stars=3&stars=4&stars=5&period=all")]
    [InlineData("stars=1&period=all&sort=oldest", "stars=1&period=all&sort=oldest")]
    [InlineData("period=12m&sort=lowest", "period=12m&sort=lowest")]
    public async Task List_SameFilterAsThePage_ReturnsTheSameReviewsInTheSameOrder(string apiQuery, string pageQuery)
    {
        await using var db = portal.CreateContext();
        var b1 = await db.Brands.Where(b => b.ExternalId == "B1").Select(b => b.Id).SingleAsync();
        var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, page) = await rep.GetPageAsync($"/Brands/Reviews?{pageQuery}&brand={b1}");
        var pageIds = page.QuerySelectorAll("[data-review-id]").Select(e => long.Parse(e.GetAttribute("data-review-id")!)).ToList();
        var external = await db.Reviews.Where(r => pageIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.ExternalId);
        var key = await portal.CreateKeyAsync("S1", "reviews:read");

        var response = await portal.ApiClient(key).GetAsync($"/api/v1/reviews?{apiQuery}&brand=B1");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        pageIds.Should().NotBeEmpty();
        Ids(await response.JsonAsync()).Should().Equal(pageIds.Select(id => external[id]));
    }

    [Fact]
    public async Task List_FollowingNext_WalksEveryReviewOnce()
    {
        var key = await portal.CreateKeyAsync("S1", "reviews:read");
        var client = portal.ApiClient(key);
        var seen = new List<string>();
        string? next = null;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/reviews?period=all&brand=B2{(next is null ? "" : "&after=" + Uri.EscapeDataString(next))}")).JsonAsync();
            seen.AddRange(Ids(page));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (next is not null);

        await using var db = portal.CreateContext();
        var b2 = await db.Brands.Where(b => b.ExternalId == "B2").Select(b => b.Id).SingleAsync();
        var expected = await db.Reviews.Where(r => r.BrandId == b2 && r.Rating <= 3).CountAsync();
        seen.Should().OnlyHaveUniqueItems().And.HaveCount(expected);
    }

    [Fact]
    public async Task Get_OwnReview_HasExternalIdsAndOnlyAccountRules()
    {
        await using var db = portal.CreateContext();
        var b2 = await db.Brands.Where(b => b.ExternalId == "B2").Select(b => b.Id).SingleAsync();
        var review = await db.Reviews.Where(r => r.BrandId == b2 && r.Rating <= 3).OrderBy(r => r.Id).Select(r => new { r.ExternalId, r.Product!.Asin }).FirstAsync();
        var key = await portal.CreateKeyAsync("S1", "reviews:read");

        var response = await portal.ApiClient(key).GetAsync($"/api/v1/reviews/{review.ExternalId}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var item = await response.JsonAsync();
        item.GetProperty("id").GetString().Should().Be(review.ExternalId);
        item.GetProperty("brand").GetProperty("id").GetString().Should().Be("B2");
        item.GetProperty("product").GetProperty("asin").GetString().Should().Be(review.Asin);
        var unmet = item.GetProperty("eligibility").GetProperty("unmet").EnumerateArray().Select(u => u.GetString()).ToList();
        unmet.Should().NotContain(["BrandRepresentative", "CanEdit"]);
        item.GetProperty("eligibility").GetProperty("eligible").GetBoolean().Should().Be(unmet.Count == 0);
    }

    [Fact]
    public async Task GetAndList_ReviewWithAnEarlierVersion_HaveEditedAtOthersNull()
    {
        await using var db = portal.CreateContext();
        var b2 = await db.Brands.Where(b => b.ExternalId == "B2").Select(b => b.Id).SingleAsync();
        var reviews = await db.Reviews.Where(r => r.BrandId == b2 && r.Rating <= 3).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(2)
            .Select(r => new { r.Id, r.ExternalId, r.CreatedAt }).ToListAsync();
        var (edited, plain) = (reviews[0], reviews[1]);
        var replacedAt = new DateTimeOffset(edited.CreatedAt.UtcDateTime.AddDays(1).Date, TimeSpan.Zero);
        db.ReviewVersions.Add(new Core.Data.Entities.ReviewVersion
        {
            ReviewId = edited.Id, Rating = 1, Title = "Before", Body = "", ValidFrom = edited.CreatedAt, ReplacedAt = replacedAt,
        });
        await db.SaveChangesAsync();
        var client = portal.ApiClient(await portal.CreateKeyAsync("S1", "reviews:read"));

        var one = await (await client.GetAsync($"/api/v1/reviews/{edited.ExternalId}")).JsonAsync();
        var list = await (await client.GetAsync("/api/v1/reviews?period=all&brand=B2")).JsonAsync();

        one.GetProperty("editedAt").GetDateTimeOffset().Should().Be(replacedAt);
        var items = list.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        items[edited.ExternalId].GetProperty("editedAt").GetDateTimeOffset().Should().Be(replacedAt);
        items[plain.ExternalId].GetProperty("editedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Get_AnotherAccountsReviewOrUnknown_Is404Problem()
    {
        await using var db = portal.CreateContext();
        var b2 = await db.Brands.Where(b => b.ExternalId == "B2").Select(b => b.Id).SingleAsync();
        var acmeOnly = await db.Reviews.Where(r => r.BrandId == b2).Select(r => r.ExternalId).FirstAsync();
        var globex = await portal.CreateKeyAsync("S3", "reviews:read");

        var other = await portal.ApiClient(globex).GetAsync($"/api/v1/reviews/{acmeOnly}");
        var unknown = await portal.ApiClient(globex).GetAsync("/api/v1/reviews/R-none");

        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        other.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Ids(await (await portal.ApiClient(globex).GetAsync("/api/v1/reviews?period=all&stars=1&stars=2&stars=3&stars=4&stars=5")).JsonAsync())
            .Should().NotContain(acmeOnly);
    }

    [Fact]
    public async Task List_BadParameters_Is400ListingEachByPath()
    {
        var key = await portal.CreateKeyAsync("S1", "reviews:read");

        var response = await portal.ApiClient(key).GetAsync("/api/v1/reviews?stars=9&sort=sideways&brand=B4&after=garbage");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var paths = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        paths.Should().Contain(["$.stars", "$.sort", "$.brand", "$.after"]);
    }

    [Theory]
    [InlineData("from=2026-02-30", "$.from")]
    [InlineData("to=abc", "$.to")]
    [InlineData("from=2026-03-01&to=2026-02-01", "$.to")]
    [InlineData("period=forever", "$.period")]
    public async Task List_BadDateOrPeriod_Is400AtThatParametersPath(string query, string path)
    {
        var key = await portal.CreateKeyAsync("S1", "reviews:read");

        var response = await portal.ApiClient(key).GetAsync($"/api/v1/reviews?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Should().OnlyContain(p => p == path);
    }
}
