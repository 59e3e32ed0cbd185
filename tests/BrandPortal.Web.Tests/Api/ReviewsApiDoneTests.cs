using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>GET /api/v1/reviews filters done reviews as the page does: hidden by default, done=include|only, per account.</summary>
public sealed class ReviewsApiDoneTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static List<string> Ids(System.Text.Json.JsonElement page)
        => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task List_ReviewDoneByTheAccount_HiddenByDefaultListedWithDoneOnlyAndStillListedForTheOtherAccount()
    {
        string done;
        await using (var db = portal.CreateContext())
        {
            var review = await db.Reviews.Where(r => db.Brands.Any(b => b.Id == r.BrandId && b.ExternalId == "B1") && r.Rating <= 3)
                .OrderByDescending(r => r.CreatedAt).Select(r => new { r.Id, r.ExternalId, r.BrandId, r.CreatedAt }).FirstAsync();
            var rep = await db.Users.Where(u => u.Email == DemoUsers.RepTwoBrands).Select(u => new { u.Id, u.SellerAccountId }).SingleAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO review_work (seller_account_id, review_id, brand_id, review_created_at, done_at, done_by_user_id)
                VALUES ({rep.SellerAccountId}, {review.Id}, {review.BrandId}, {review.CreatedAt}, now(), {rep.Id})
                """);
            done = review.ExternalId;
        }
        var acme = portal.ApiClient(await portal.CreateKeyAsync("S1", "reviews:read"));
        var globex = portal.ApiClient(await portal.CreateKeyAsync("S3", "reviews:read"));

        Ids(await (await acme.GetAsync("/api/v1/reviews?brand=B1")).JsonAsync()).Should().NotContain(done);
        Ids(await (await acme.GetAsync("/api/v1/reviews?brand=B1&done=only")).JsonAsync()).Should().Equal(done);
        Ids(await (await acme.GetAsync("/api/v1/reviews?brand=B1&done=include")).JsonAsync()).Should().Contain(done);
        Ids(await (await globex.GetAsync("/api/v1/reviews?brand=B1")).JsonAsync()).Should().Contain(done);
    }

    [Fact]
    public async Task List_DoneNotAValue_Is400AtItsPath()
    {
        var response = await portal.ApiClient(await portal.CreateKeyAsync("S1", "reviews:read")).GetAsync("/api/v1/reviews?done=maybe");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Should().Equal("$.done");
    }
}
