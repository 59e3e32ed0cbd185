using System.Net;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Api;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Hosting;

/// <summary>The portal's background refresh (TopicRefreshHostedService) counts what the API ingest marked stale.</summary>
public sealed class TopicRefreshTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<List<int>> CriticalCountsAsync(string term)
    {
        await using var db = portal.CreateContext();
        return await db.Database.SqlQueryRaw<int>("SELECT n1 + n2 + n3 AS \"Value\" FROM topic_terms WHERE language = 'en' AND term = {0}", term).ToListAsync();
    }

    [Fact]
    public async Task ApiIngest_CriticalReview_IsCountedByTheBackgroundRefreshWithinItsInterval()
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync(null, "reviews:write"));
        var review = $$"""
            {"asin": "B000ACME01", "customerId": "C1", "rating": 1, "title": "Cracked", "body": "The gasket cracked in a week.",
             "createdAt": "{{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}}", "verifiedPurchase": false}
            """;
        (await CriticalCountsAsync("gasket crack")).Should().BeEmpty("no review of the demo data says it");

        var response = await client.PutAsync("/api/v1/reviews/TR-BG-1", IngestApiTests.Json(review));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        // Topics:RefreshInterval is 5 s; a minute leaves room for a loaded machine.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await CriticalCountsAsync("gasket crack")).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        (await CriticalCountsAsync("gasket crack")).Should().Equal(1);
    }
}
