using System.Net;
using System.Net.Http.Json;
using System.Text;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>The portal with private webhook targets refused, whatever the test defaults say: the SSRF guard is under test.</summary>
public sealed class PublicTargetsPortal : DemoPortal
{
    protected override IDictionary<string, string?> Settings
        => new Dictionary<string, string?>(base.Settings) { ["Webhooks:AllowPrivateTargets"] = "false" };
}

/// <summary>/api/v1/webhooks: a key's own subscriptions, created with a secret shown once, tested, resent, deleted; nobody else's.</summary>
public sealed class WebhooksApiTests(PublicTargetsPortal portal) : IClassFixture<PublicTargetsPortal>
{
    private const string PublicUrl = "https://93.184.215.14/brandportal";

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string url, params string[] events)
        => client.PostAsJsonAsync("/api/v1/webhooks", new { url, events = events.Length == 0 ? ["refund.accepted"] : events });

    private async Task<string> CreatedIdAsync(HttpClient client, params string[] events)
    {
        var response = await CreateAsync(client, PublicUrl, events);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> ListedIdsAsync(HttpClient client)
        => (await (await client.GetAsync("/api/v1/webhooks")).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    private async Task<int> StoredCountAsync()
    {
        await using var db = portal.CreateContext();
        return await db.WebhookSubscriptions.CountAsync();
    }

    [Fact]
    public async Task Create_AccountKey_Answers201WithTheSecretOnce_AndTheListNeverShowsIt()
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync("S1", "webhooks:manage"));

        var response = await CreateAsync(client, PublicUrl, "refund.accepted", "customer.replied");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetString()!;
        id.Should().StartWith("wh_");
        body.GetProperty("url").GetString().Should().Be(PublicUrl);
        body.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Should().Equal("refund.accepted", "customer.replied");
        var secret = body.GetProperty("secret").GetString()!;
        secret.Should().MatchRegex("^whsec_[A-Za-z0-9+/]{43}=$");
        response.Headers.Location!.OriginalString.Should().Be($"/api/v1/webhooks/{id}");
        var list = await (await client.GetAsync("/api/v1/webhooks")).Content.ReadAsStringAsync();
        list.Should().Contain(id).And.NotContain(secret).And.NotContain("\"secret\"");
        var one = await (await client.GetAsync($"/api/v1/webhooks/{id}")).Content.ReadAsStringAsync();
        one.Should().Contain(id).And.Contain(PublicUrl).And.NotContain(secret).And.NotContain("\"secret\"");
        await using var db = portal.CreateContext();
        var stored = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.PublicId == id);
        stored.Should().BeEquivalentTo(new { Kind = ApiKeyKind.Account, Secret = secret });
        stored.CreatedBy.Should().StartWith("bp_live_");
    }

    [Fact]
    public async Task EveryRoute_WithAnotherOwnersSubscription_Is404AndChangesNothing()
    {
        var acme = portal.ApiClient(await portal.CreateKeyAsync("S1", "webhooks:manage"));
        var globex = portal.ApiClient(await portal.CreateKeyAsync("S3", "webhooks:manage"));
        var platform = portal.ApiClient(await portal.CreateKeyAsync(null, "webhooks:manage"));
        var acmeId = await CreatedIdAsync(acme);
        var platformId = await CreatedIdAsync(platform);
        var webhookId = (await (await acme.PostAsync($"/api/v1/webhooks/{acmeId}/test", null)).JsonAsync()).GetProperty("webhookId").GetString();
        await using var db = portal.CreateContext();
        var before = await db.WebhookDeliveries.CountAsync();

        foreach (var (client, id) in new[] { (globex, acmeId), (acme, platformId), (globex, platformId) })
        {
            (await client.GetAsync($"/api/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await client.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await client.PostAsync($"/api/v1/webhooks/{id}/test", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await client.GetAsync($"/api/v1/webhooks/{id}/deliveries")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            var resend = await client.PostAsync($"/api/v1/webhooks/{id}/deliveries/{webhookId}/resend", null);
            resend.StatusCode.Should().Be(HttpStatusCode.NotFound);
            resend.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await ListedIdsAsync(client)).Should().NotContain(id);
        }

        (await ListedIdsAsync(acme)).Should().Contain(acmeId).And.NotContain(platformId);
        (await ListedIdsAsync(platform)).Should().Contain(platformId).And.NotContain(acmeId);
        (await db.WebhookSubscriptions.CountAsync(s => s.PublicId == acmeId || s.PublicId == platformId)).Should().Be(2);
        (await db.WebhookDeliveries.CountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://localhost/hook")]
    [InlineData("http://example.com/hook")]
    public async Task Create_UrlThatIsNotAPublicHttpsTarget_Is400AtUrlAndStoresNothing(string url)
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync("S1", "webhooks:manage"));
        var before = await StoredCountAsync();

        var response = await CreateAsync(client, url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("path").GetString().Should().Be("$.url");
        error.GetProperty("message").GetString().Should().Match(m => m.Contains("https://") || m.Contains("loopback, private or link-local"));
        (await StoredCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Create_WrongTypesUnknownAndRepeatedFields_ListsEveryPathAndStoresNothing()
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync("S1", "webhooks:manage"));
        var before = await StoredCountAsync();

        var response = await client.PostAsync("/api/v1/webhooks", new StringContent(
            """{"url": 5, "events": ["refund.accepted", 3, "refund.paid", "refund.accepted"], "extra": true, "extra": 1}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var paths = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        paths.Should().BeEquivalentTo(["$.url", "$.events[1]", "$.events[2]", "$.events[3]", "$.extra", "$.extra"]);
        (await StoredCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("{\"url\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1, 2]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("url=https://93.184.215.14/", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Create_BodyThatIsNotASubscription_IsAProblemAndStoresNothing(string body, string type, HttpStatusCode expected)
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync("S1", "webhooks:manage"));
        var before = await StoredCountAsync();

        var response = await client.PostAsync("/api/v1/webhooks", new StringContent(body, Encoding.UTF8, type));

        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await StoredCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Create_DeeplyNestedOrHugeBody_IsRefusedWithoutAFailure()
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync("S1", "webhooks:manage"));

        var deep = await client.PostAsync("/api/v1/webhooks", new StringContent(
            "{\"url\": " + new string('[', 100) + new string(']', 100) + "}", Encoding.UTF8, "application/json"));
        var huge = await client.PostAsync("/api/v1/webhooks", new StringContent(
            "{\"url\": \"https://93.184.215.14/" + new string('a', 1_000_000) + "\", \"events\": [\"refund.accepted\"]}", Encoding.UTF8, "application/json"));

        deep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("wh_%07")]
    [InlineData("wh_\u202Eevil")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Routes_IdThatCannotBeASubscriptions_Are404(string id)
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync("S1", "webhooks:manage"));

        (await client.GetAsync($"/api/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/v1/webhooks/{id}/deliveries/{id}/resend", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scope_KeyWithoutWebhooksManage_Is403AndNoKeyIs401()
    {
        var reader = portal.ApiClient(await portal.CreateKeyAsync("S1", "reviews:read"));

        (await CreateAsync(reader, PublicUrl)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync("/api/v1/webhooks")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await portal.ApiClient(null).GetAsync("/api/v1/webhooks")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TestDeliveriesResendDelete_PlatformKey_QueuesWithOneWebhookIdAndDeletes()
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync(null, "webhooks:manage"));
        var id = await CreatedIdAsync(client, "refund.accepted");

        var test = await client.PostAsync($"/api/v1/webhooks/{id}/test", null);
        test.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var webhookId = (await test.JsonAsync()).GetProperty("webhookId").GetString()!;
        var deliveries = (await (await client.GetAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var resend = await client.PostAsync($"/api/v1/webhooks/{id}/deliveries/{webhookId}/resend", null);
        var delete = await client.DeleteAsync($"/api/v1/webhooks/{id}");

        webhookId.Should().StartWith("msg_");
        deliveries.Should().ContainSingle();
        deliveries[0].GetProperty("id").GetString().Should().Be(webhookId);
        deliveries[0].GetProperty("type").GetString().Should().Be("webhook.test");
        resend.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await resend.JsonAsync()).GetProperty("webhookId").GetString().Should().Be(webhookId);
        delete.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ListedIdsAsync(client)).Should().NotContain(id);
        (await client.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = portal.CreateContext();
        (await db.AuditEntries.Where(a => a.ObjectId == id || a.ObjectId == webhookId).Select(a => a.Action).ToListAsync())
            .Should().BeEquivalentTo(["WebhookCreated", "WebhookTested", "WebhookResent", "WebhookDeleted"]);
    }

    [Fact]
    public async Task Document_CreateWebhook_DescribesItsBodyAnswerScopeAndErrors()
    {
        var text = await portal.Factory.NewClient().Http.GetStringAsync("/api/v1/openapi.json");
        var document = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings()).Document!;

        var create = document.Paths["/api/v1/webhooks"].Operations!.Single(o => o.Key == HttpMethod.Post).Value;

        create.RequestBody!.Content!["application/json"].Schema.Should().NotBeNull();
        create.Responses!.Keys.Should().Contain(["201", "400", "401", "403", "413", "415", "429"]);
        create.Security!.SelectMany(s => s.Values.SelectMany(v => v)).Should().Contain("webhooks:manage");
        text.Should().Contain("ApiWebhookCreated").And.Contain("secret");
        document.Paths.Keys.Should().Contain(["/api/v1/webhooks/{id}", "/api/v1/webhooks/{id}/test", "/api/v1/webhooks/{id}/deliveries",
            "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend"]);
    }
}
