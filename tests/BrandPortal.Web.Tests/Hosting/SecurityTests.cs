using System.Net;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using BrandPortal.Web.Hosting;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BrandPortal.Web.Tests.Hosting;

public sealed class SecurityTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task EveryPage_SendsSecurityHeaders()
    {
        // Every GET endpoint of the catalog (pages, exports, health checks), with real ids, as the user it is for.
        var world = await Security.SweepWorld.BuildAsync(portal);
        var checkedPages = new List<string>();
        foreach (var handler in world.Handlers.Where(h => h.Verb == "GET" && h.Route != "Account/Logout"))
        {
            var email = Security.SweepWorld.OwnerOf(handler);
            var (url, _) = await world.ValidRequestAsync(email, handler) ?? throw new InvalidOperationException($"No link to {handler} for {email}");
            var (response, reached) = await world.SendAsync(email, "GET", url, [], handler);
            // A /Dev page is a 404 outside Development: its 404 must carry the headers as well.
            reached.Should().Be(Security.SweepWorld.ServedInTesting(handler), $"{url} reached its handler (the headers of that page are checked, not an error page's)");
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.Should().Contain("frame-ancestors 'none'", url).And.Contain("script-src 'self'", url).And.NotContain("unsafe-inline", url);
            response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff", url);
            // Pages whose URL carries a secret (invitation, unsubscribe tokens) send none at all: stricter, also right.
            response.Headers.GetValues("Referrer-Policy").Single().Should().BeOneOf(["strict-origin-when-cross-origin", "no-referrer"], url);
            response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY", url);
            checkedPages.Add(url);
        }
        checkedPages.Count.Should().BeGreaterThanOrEqualTo(20, "every GET endpoint of the portal was checked");
    }

    [Fact]
    public async Task Production_CookieIsHostPrefixedSecureHttpOnlyLax_AndHstsIsSent()
    {
        await using var production = new PortalFactory(portal.ConnectionString, portal.Smtp, environment: "Production");
        var client = new PortalClient(production.CreateClient(new WebApplicationFactoryClientOptions
        {
            // HSTS is never sent to localhost (ASP.NET Core excludes it): use a real-looking host name.
            BaseAddress = new Uri("https://portal.example.com"), AllowAutoRedirect = false,
        }));
        var token = await client.AntiforgeryTokenAsync("/Account/Login");
        var response = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoUsers.Viewer, ["Password"] = DemoUsers.Password, ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("bp.auth"));
        cookie.Should().StartWith("__Host-bp.auth=");
        cookie.ToLowerInvariant().Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/");
        cookie.ToLowerInvariant().Should().NotContain("domain=");
        response.Headers.Contains("Strict-Transport-Security").Should().BeTrue();
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockTheAccountEvenForTheRightPassword()
    {
        var client = portal.Factory.NewClient();
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = DemoUsers.AdminAtRisk, ["Password"] = $"wrong-password-{i}" });
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = DemoUsers.AdminAtRisk, ["Password"] = DemoUsers.Password });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("locked");
    }

    [Fact]
    public async Task SignIn_BeyondTheRateLimit_GetsFriendly429()
    {
        await using var limited = new PortalFactory(portal.ConnectionString, portal.Smtp,
            settings: new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        var client = limited.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = "nobody@acme.test", ["Password"] = "whatever-password" })).StatusCode);
        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        var last = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = "nobody@acme.test", ["Password"] = "whatever-password" });
        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await last.Content.ReadAsStringAsync()).Should().Contain("Too many requests").And.NotContain("Exception");
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var client = portal.Factory.NewClient();
        var response = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoUsers.Viewer, ["Password"] = DemoUsers.Password,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("short-pass1", "PasswordTooShort")]
    [InlineData("password1234", "CommonPassword")]
    [InlineData("Welcome2026!", "CommonPassword")]
    [InlineData("aaaaaaaaaaaaaaaa", "RepeatedPassword")]
    public async Task PasswordPolicy_RefusesWeakPasswords(string password, string code)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = "x@acme.test", Email = "x@acme.test" };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        errors.Select(e => e.Code).Should().Contain(code);
    }

    [Fact]
    public void PasswordPolicy_AcceptsALongUncommonPassphrase()
        => PasswordPolicy.IsCommon("lantern-orbit-pepper-42").Should().BeFalse();

    [Fact]
    public void PasswordHashes_UseTheOwaspIterationCount()
    {
        var hasher = portal.Factory.Services.GetRequiredService<IPasswordHasher<PortalUser>>();
        var hash = Convert.FromBase64String(hasher.HashPassword(new PortalUser(), "lantern-orbit-pepper-42"));
        hash[0].Should().Be(0x01, "Identity v3 format");
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8];
        iterations.Should().Be(AuthSetup.PasswordHashIterations).And.BeGreaterThanOrEqualTo(210_000);
    }

    [Fact]
    public async Task Errors_OutsideDevelopment_ShowNoStackTrace()
    {
        await using var broken = new PortalFactory(
            "Host=127.0.0.1;Port=1;Database=nowhere;Username=postgres;Timeout=1", portal.Smtp);
        var client = broken.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/Help");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "pages that need no data still work");
        client.DefaultRequestHeaders.Add("Cookie", "bp.auth=not-a-valid-cookie");
        var login = await client.GetAsync("/Account/Login");
        (await login.Content.ReadAsStringAsync()).Should().NotContain("   at ").And.NotContain("Exception");
    }
}
