using System.Net;
using System.Text;
using System.Text.Json;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>PUT /api/v1/{section}/{id} and POST /api/v1/import: the import's checks and appliers, platform keys with the section's scope.</summary>
public sealed class IngestApiTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private const string AllWrite = "catalog:write,orders:write,reviews:write";

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    internal static string Review(string id, int rating, string title, string? createdAt = null) => $$"""
        {"asin": "B000ACME01", "customerId": "C1", "rating": {{rating}}, "title": "{{title}}", "body": "Arrived dented.",
         "createdAt": "{{createdAt ?? DateTimeOffset.UtcNow.AddHours(-2).ToString("yyyy-MM-ddTHH:mm:ssZ")}}", "verifiedPurchase": false}
        """;

    /// <summary>The database once the key has been used (its first use records the time it was last used), before the request under test.</summary>
    internal static async Task<string> SnapshotAfterFirstUseAsync(DemoPortal portal, HttpClient client)
    {
        (await client.GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        return await DatabaseSnapshot.TakeAsync(portal.ConnectionString);
    }

    private async Task<HttpClient> PlatformAsync(string scopes = AllWrite) => portal.ApiClient(await portal.CreateKeyAsync(null, scopes.Split(',')));

    [Fact]
    public async Task Put_NewThenSameThenChangedReview_Is201Then200Then200_AndKeepsTheEarlierVersion()
    {
        var client = await PlatformAsync();

        var created = await client.PutAsync("/api/v1/reviews/R-API-1", Json(Review("R-API-1", 2, "Dented")));
        var same = await client.PutAsync("/api/v1/reviews/R-API-1", Json(Review("R-API-1", 2, "Dented").Replace("{", "{\"id\": \"R-API-1\", ")));
        var changed = await client.PutAsync("/api/v1/reviews/R-API-1", Json(Review("R-API-1", 1, "Dented and broken")));

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().Should().Be("/api/v1/reviews/R-API-1");
        var body = await created.JsonAsync();
        body.GetProperty("id").GetString().Should().Be("R-API-1");
        body.GetProperty("asin").GetString().Should().Be("B000ACME01");
        body.GetProperty("rating").GetInt32().Should().Be(2);
        same.StatusCode.Should().Be(HttpStatusCode.OK);
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await changed.JsonAsync()).GetProperty("title").GetString().Should().Be("Dented and broken");
        await using var db = portal.CreateContext();
        var reviewId = await db.Reviews.Where(r => r.ExternalId == "R-API-1").Select(r => r.Id).SingleAsync();
        (await db.ReviewVersions.Where(v => v.ReviewId == reviewId).Select(v => v.Title).ToListAsync()).Should().Equal("Dented");
    }

    private static string Order(int quantity) => $$"""
        {"customerId": "C-API", "sellerId": "S-API", "marketplace": "DE", "placedAt": "2026-05-01T10:00:00Z",
         "items": [{"asin": "B000APIX01", "quantity": {{quantity}}, "unitPrice": 19.5, "currency": "EUR"}]}
        """;

    [Fact]
    public async Task Put_EverySection_AnswersTheRecordAsStored()
    {
        var client = await PlatformAsync();
        var puts = new (string Url, string Body, string Field, string Expected)[]
        {
            ("/api/v1/sellers/S-API", """{"name": "Api Trading", "plan": "Individual", "standing": "Good"}""", "plan", "Individual"),
            ("/api/v1/brands/B-API", """{"name": "Apico", "registered": true, "sellerIds": ["S-API"]}""", "name", "Apico"),
            ("/api/v1/products/B000APIX01", """{"brandId": "B-API", "title": "Api Kettle"}""", "brandId", "B-API"),
            ("/api/v1/customers/C-API", """{"name": "Ann Api", "email": "ann.api@example.test", "password": "a-long-password-9"}""", "email", "ann.api@example.test"),
            ("/api/v1/orders/111-API-0001", Order(2), "marketplace", "DE"),
        };
        foreach (var (url, json, field, expected) in puts)
        {
            var response = await client.PutAsync(url, Json(json));
            response.StatusCode.Should().Be(HttpStatusCode.Created, $"{url}: {await response.Content.ReadAsStringAsync()}");
            (await response.JsonAsync()).GetProperty(field).GetString().Should().Be(expected);
        }
        var customer = await (await client.PutAsync("/api/v1/customers/C-API", Json("""{"name": "Ann Api", "email": "ann.api@example.test"}"""))).JsonAsync();
        customer.TryGetProperty("password", out _).Should().BeFalse();
        var order = await (await client.PutAsync("/api/v1/orders/111-API-0001", Json(Order(3)))).JsonAsync();
        order.GetProperty("items")[0].GetProperty("quantity").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Put_BodyIdDiffersFromTheUrl_Is400AtItsPath_AndStoresNothing()
    {
        var client = await PlatformAsync();

        var response = await client.PutAsync("/api/v1/reviews/R-API-2", Json(Review("x", 2, "Dented").Replace("{", "{\"id\": \"R-OTHER\", ")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors[0].GetProperty("path").GetString().Should().Be("$.id");
        await using var db = portal.CreateContext();
        (await db.Reviews.AnyAsync(r => r.ExternalId == "R-API-2" || r.ExternalId == "R-OTHER")).Should().BeFalse();
    }

    [Theory]
    [InlineData("S1", "reviews:read")]
    [InlineData(null, "orders:write")]
    public async Task Put_AccountKeyOrKeyWithoutTheSectionsScope_Is403(string? seller, string scope)
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync(seller, scope));

        var response = await client.PutAsync("/api/v1/reviews/R-API-3", Json(Review("R-API-3", 2, "Dented")));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Import_WholeFile_AppliesItAndAnswersTheCounts()
    {
        var client = await PlatformAsync();
        var file = $$"""
            {"orders": [{"id": "111-API-0002", "customerId": "C1", "sellerId": "S1", "marketplace": "US", "placedAt": "2026-05-01T10:00:00Z",
                         "items": [{"asin": "B000ACME02", "quantity": 1, "unitPrice": 9.99, "currency": "USD"}]}],
             "reviews": [{"id": "R-API-4", "asin": "B000ACME02", "customerId": "C1", "orderId": "111-API-0002", "rating": 1, "title": "Broke",
                          "body": "", "createdAt": "2026-05-03T10:00:00Z", "verifiedPurchase": true}]}
            """;

        var response = await client.PostAsync("/api/v1/import", Json(file));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var counts = await response.JsonAsync();
        (counts.GetProperty("orders").GetInt32(), counts.GetProperty("reviews").GetInt32(), counts.GetProperty("sellers").GetInt32()).Should().Be((1, 1, 0));
        await using var db = portal.CreateContext();
        (await db.Reviews.Where(r => r.ExternalId == "R-API-4").Select(r => r.Order!.ExternalId).SingleAsync()).Should().Be("111-API-0002");
    }

    [Fact]
    public async Task Import_FileWithAUsersSection_Is400AtDollarUsers_AndStoresNothing()
    {
        var client = await PlatformAsync();
        var before = await SnapshotAfterFirstUseAsync(portal, client);

        var response = await client.PostAsync("/api/v1/import", Json("""
            {"sellers": [{"id": "S-API-U", "name": "Users Ltd", "plan": "Individual", "standing": "Good"}],
             "users": [{"email": "new.rep@acme.test", "password": "a-long-password-1", "sellerId": "S1"}]}
            """));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("path").GetString().Should().Be("$.users");
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_SectionTheKeyHasNoScopeFor_Is403NamingTheScope_AndStoresNothing()
    {
        var client = await PlatformAsync("reviews:write");
        var before = await SnapshotAfterFirstUseAsync(portal, client);

        var response = await client.PostAsync("/api/v1/import", Json("""
            {"sellers": [{"id": "S-API-X", "name": "Scope Ltd", "plan": "Individual", "standing": "Good"}], "reviews": []}
            """));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.JsonAsync()).GetProperty("missingScopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("catalog:write");
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_BadRecordsInSeveralSections_Is400ListingEveryPath_AndStoresNothing()
    {
        var client = await PlatformAsync();
        var before = await SnapshotAfterFirstUseAsync(portal, client);

        var response = await client.PostAsync("/api/v1/import", Json("""
            {"sellers": [{"id": "S-API-G", "name": "Good Ltd", "plan": "Individual", "standing": "Good"}],
             "brands": [{"id": "B-API-B", "name": "Bad", "registered": true, "sellerIds": ["S404"]}],
             "reviews": [{"id": "R-API-B", "asin": "B000ACME01", "customerId": "C1", "rating": 9, "title": "Odd", "body": "",
                          "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": false}]}
            """));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var paths = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        paths.Should().Contain("$.reviews[0].rating");
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().BeEmpty();
    }

    [Fact]
    public async Task Put_ReviewIngestedThroughTheApi_ShowsOnCustomerReviewsForARepresentativeOfItsBrand()
    {
        var client = await PlatformAsync();
        var response = await client.PutAsync("/api/v1/reviews/R-API-PAGE", Json(Review("R-API-PAGE", 1, "Ingested through the API today")));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        await using var db = portal.CreateContext();
        var b1 = await db.Brands.Where(b => b.ExternalId == "B1").Select(b => b.Id).SingleAsync();
        var id = await db.Reviews.Where(r => r.ExternalId == "R-API-PAGE").Select(r => r.Id).SingleAsync();

        var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, page) = await rep.GetPageAsync($"/Brands/Reviews?brand={b1}&stars=1&period=all");

        var card = page.QuerySelector($"[data-review-id='{id}']");
        card.Should().NotBeNull();
        card!.TextContent.Should().Contain("Ingested through the API today");
    }

    [Fact]
    public async Task Import_SameNewRecordsFromFourRequestsAtOnce_AllSucceedAndStoreEachOnce()
    {
        var client = await PlatformAsync();
        var file = "{\"orders\": [" + string.Join(", ", Enumerable.Range(0, 100).Select(i => $$"""
            {"id": "111-RACE-{{i}}", "customerId": "C1", "sellerId": "S1", "marketplace": "US", "placedAt": "2026-05-01T10:00:00Z",
             "items": [{"asin": "B000ACME04", "quantity": 1, "unitPrice": 5, "currency": "USD"}]}
            """)) + "], \"reviews\": [" + string.Join(", ", Enumerable.Range(0, 100).Select(i => $$"""
            {"id": "R-RACE-{{i}}", "asin": "B000ACME04", "customerId": "C1", "orderId": "111-RACE-{{i}}", "rating": 4, "title": "Fine",
             "body": "", "createdAt": "2026-05-03T10:00:00Z", "verifiedPurchase": true}
            """)) + "]}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync("/api/v1/import", Json(file))));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        await using var db = portal.CreateContext();
        (await db.Reviews.CountAsync(r => r.ExternalId.StartsWith("R-RACE-"))).Should().Be(100);
        (await db.Orders.CountAsync(o => o.ExternalId.StartsWith("111-RACE-"))).Should().Be(100);
    }
}
