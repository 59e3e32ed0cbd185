using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>A portal whose keys may make 3 requests a minute.</summary>
public sealed class TightApiLimitPortal : DemoPortal
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Api:RequestsPerMinute"] = "3" };
}

public sealed class ApiRateLimitTests(TightApiLimitPortal portal) : IClassFixture<TightApiLimitPortal>
{
    [Fact]
    public async Task Get_OverTheKeysBudget_Is429WithRetryAfter_AndAnotherKeyIsNotHeldBack()
    {
        var key = await portal.CreateKeyAsync("S1", "contacts:read");
        var other = await portal.CreateKeyAsync("S1", "contacts:read");
        var client = portal.ApiClient(key);
        for (var i = 0; i < 3; i++) (await client.GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.OK);

        var refused = await client.GetAsync("/api/v1/contacts");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await portal.ApiClient(other).GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
