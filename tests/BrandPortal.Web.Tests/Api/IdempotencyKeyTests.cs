using System.Net;
using System.Security.Cryptography;
using System.Text;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>Idempotency-Key on POST /api/v1/import: replayed first answer, 422 for another body, 409 while running, nothing kept for a refusal.</summary>
public sealed class IdempotencyKeyTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static string Record(string id, string title) => $$"""
        {"id": "{{id}}", "asin": "B000ACME03", "customerId": "C2", "rating": 3, "title": "{{title}}", "body": "", "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": false}
        """;

    private static string File(string id, string title) => $"{{\"reviews\": [{Record(id, title)}]}}";

    private async Task<(HttpClient Client, string Key)> ClientAsync()
    {
        var key = await portal.CreateKeyAsync(null, "reviews:write");
        return (portal.ApiClient(key), key);
    }

    private static HttpRequestMessage Post(string body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import") { Content = IngestApiTests.Json(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private async Task<string> TitleAsync(string id)
    {
        await using var db = portal.CreateContext();
        return await db.Reviews.Where(r => r.ExternalId == id).Select(r => r.Title).SingleAsync();
    }

    [Fact]
    public async Task Post_SameKeyAndBodyAgain_ReplaysTheFirstAnswerWithoutImportingAgain()
    {
        var (client, _) = await ClientAsync();
        var first = await client.SendAsync(Post(File("R-IDEM-1", "First"), "idem-1"));
        // Changed since through a PUT: a replay must answer the first answer without importing the file again over it.
        (await client.PutAsync("/api/v1/reviews/R-IDEM-1", IngestApiTests.Json(Record("R-IDEM-1", "Changed"))))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var replay = await client.SendAsync(Post(File("R-IDEM-1", "First"), "idem-1"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        replay.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await replay.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await TitleAsync("R-IDEM-1")).Should().Be("Changed");
    }

    [Fact]
    public async Task Post_SameKeyWithAnotherBody_Is422Problem_AndImportsNothing()
    {
        var (client, _) = await ClientAsync();
        (await client.SendAsync(Post(File("R-IDEM-2", "First"), "idem-2"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var other = await client.SendAsync(Post(File("R-IDEM-2", "Second"), "idem-2"));

        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        other.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await TitleAsync("R-IDEM-2")).Should().Be("First");
    }

    [Fact]
    public async Task Post_WhileTheFirstRequestWithTheKeyIsRunning_Is409Problem()
    {
        var (client, key) = await ClientAsync();
        var body = File("R-IDEM-3", "First");
        await using (var db = portal.CreateContext())
        {
            var keyId = await db.ApiKeys.Where(k => k.Prefix == key.Substring(0, ApiKeySecrets.PrefixLength)).Select(k => k.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            db.ApiIdempotencyRecords.Add(new ApiIdempotencyRecord
            {
                ApiKeyId = keyId, IdempotencyKey = "idem-3", Request = "POST /api/v1/import", RequestHash = SHA256.HashData(Encoding.UTF8.GetBytes(body)),
                ContentType = "", ResponseBody = "", CreatedAt = now, ExpiresAt = now.AddMinutes(5),
            });
            await db.SaveChangesAsync();
        }

        var second = await client.SendAsync(Post(body, "idem-3"));

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        await using var check = portal.CreateContext();
        (await check.Reviews.AnyAsync(r => r.ExternalId == "R-IDEM-3")).Should().BeFalse();
    }

    [Fact]
    public async Task Post_RefusedFileThenCorrectedFileWithTheSameKey_AppliesTheCorrectedOne()
    {
        var (client, _) = await ClientAsync();
        var refused = await client.SendAsync(Post(File("R-IDEM-4", "First").Replace("\"C2\"", "\"C404\""), "idem-4"));

        var corrected = await client.SendAsync(Post(File("R-IDEM-4", "First"), "idem-4"));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        corrected.StatusCode.Should().Be(HttpStatusCode.OK);
        corrected.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await TitleAsync("R-IDEM-4")).Should().Be("First");
    }

    [Theory]
    [InlineData("")]
    [InlineData("caf\u00e9")]
    public async Task Post_MalformedIdempotencyKey_Is400Problem(string value)
    {
        var (client, _) = await ClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import") { Content = IngestApiTests.Json("{}") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", value.Length == 0 ? new string('k', 300) : System.Text.RegularExpressions.Regex.Unescape(value));

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
