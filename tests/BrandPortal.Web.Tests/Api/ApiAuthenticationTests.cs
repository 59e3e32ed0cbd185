using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>Bearer keys on /api/v1: 401 without a valid key (a cookie is not one), 403 naming a missing scope, revocation at once.</summary>
public sealed class ApiAuthenticationTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Get_NoKey_Is401ProblemWithBearerChallenge()
    {
        var response = await portal.ApiClient(null).GetAsync("/api/v1/contacts");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
        (await response.JsonAsync()).GetProperty("status").GetInt32().Should().Be(401);
    }

    [Theory]
    [InlineData("bp_live_aaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("not-a-key")]
    public async Task Get_UnknownOrMalformedKey_Is401Problem(string key)
    {
        var response = await portal.ApiClient(key).GetAsync("/api/v1/contacts");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
    }

    [Fact]
    public async Task Get_RightPrefixWrongSecret_Is401()
    {
        var key = await portal.CreateKeyAsync("S1", "contacts:read");
        var forged = key[..^4] + (key[^4..] == "aaaa" ? "bbbb" : "aaaa");

        (await portal.ApiClient(forged).GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_SignInCookieWithoutKey_Is401()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);

        var response = await admin.Http.GetAsync("/api/v1/contacts");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_KeyWithoutTheScope_Is403ProblemNamingIt()
    {
        var key = await portal.CreateKeyAsync("S1", "reviews:read");

        var response = await portal.ApiClient(key).GetAsync("/api/v1/contacts");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("detail").GetString().Should().Contain("contacts:read");
        problem.GetProperty("missingScopes")[0].GetString().Should().Be("contacts:read");
    }

    [Fact]
    public async Task Get_RevokedKey_Is401OnTheNextRequest()
    {
        var key = await portal.CreateKeyAsync("S1", "contacts:read");
        var client = portal.ApiClient(key);
        (await client.GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.OK);

        await portal.RevokeAsync(key);

        (await client.GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_ValidKey_RecordsTheLastUse()
    {
        var key = await portal.CreateKeyAsync("S1", "contacts:read");

        (await portal.ApiClient(key).GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var db = portal.CreateContext();
        (await db.ApiKeys.SingleAsync(k => k.Prefix == key.Substring(0, 16))).LastUsedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Get_UnknownApiRoute_Is404ProblemNotTheHtmlPage()
    {
        var key = await portal.CreateKeyAsync("S1", "contacts:read");

        var response = await portal.ApiClient(key).GetAsync("/api/v1/nothing-here");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
