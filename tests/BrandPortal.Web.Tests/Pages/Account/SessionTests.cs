using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Account;

/// <summary>
/// A session ends for good: a copy of the cookie taken before sign-out (or before a new password, a lockout, the user's
/// removal) no longer signs anyone in. Each test uses its own demo user, since ending sessions is per user.
/// </summary>
public sealed class SessionTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task SignOut_ReplayedCookie_GetGoesToSignIn_AndPostChangesNothing()
    {
        var (client, jar) = NewJarClient();
        await client.SignInAsync(DemoUsers.RepOneBrand, DemoUsers.Password);
        var token = await client.AntiforgeryTokenAsync("/Brands/Alerts");
        var stolen = jar.Copy();
        (await client.PostFormAsync("/Account/Logout", new Dictionary<string, string>(), "/Brands")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var (replay, replayJar) = NewJarClient();
        replayJar.Set(stolen);
        var get = await replay.Http.GetAsync("/Brands/Reviews");
        get.StatusCode.Should().Be(HttpStatusCode.Redirect);
        get.Headers.Location!.ToString().Should().Contain("/Account/Login");

        var post = await replay.Http.PostAsync("/Brands/Alerts", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Frequency"] = "Weekly", ["__RequestVerificationToken"] = token,
        }));
        post.StatusCode.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest);
        if (post.StatusCode == HttpStatusCode.Redirect) post.Headers.Location!.ToString().Should().Contain("/Account/Login");
        await using var db = portal.CreateContext();
        var userId = await db.Users.Where(u => u.Email == DemoUsers.RepOneBrand).Select(u => u.Id).SingleAsync();
        (await db.AuditEntries.AnyAsync(a => a.Action == "AlertsChanged" && a.ActorUserId == userId)).Should().BeFalse("the replayed POST must not reach the handler");
        (await db.AuditEntries.AnyAsync(a => a.Action == "SignOut" && a.ActorUserId == userId)).Should().BeTrue();
    }

    [Fact]
    public async Task SignOut_ThenSignInAgain_GivesAWorkingSession()
    {
        var client = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        await client.PostFormAsync("/Account/Logout", new Dictionary<string, string>(), "/Brands");
        await client.SignInAsync(DemoUsers.RegistryAdmin, DemoUsers.Password);
        (await client.Http.GetAsync("/Brands")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsTheSessionOfAnotherBrowser()
    {
        var laptop = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var phone = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await phone.Http.GetAsync("/Brands")).StatusCode.Should().Be(HttpStatusCode.OK);

        var (_, page) = await laptop.GetPageAsync("/Brands");
        page.QuerySelector("#nav-sign-out-everywhere")!.GetAttribute("href").Should().Be("/Account/Logout");
        var (_, logout) = await laptop.GetPageAsync("/Account/Logout");
        logout.QuerySelector("#sign-out-everywhere").Should().NotBeNull();
        (await laptop.PostFormAsync("/Account/Logout", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await phone.Http.GetAsync("/Brands");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task SignOutEverywhere_WithoutAntiforgeryToken_IsRefusedAndEndsNothing()
    {
        var client = await portal.SignInAsync(DemoUsers.AdminAtRisk);
        (await client.Http.PostAsync("/Account/Logout", new FormUrlEncodedContent([]))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.Http.GetAsync("/Brands")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PasswordChange_EndsEarlierSessions()
    {
        var (client, jar) = NewJarClient();
        await client.SignInAsync(DemoUsers.Viewer, DemoUsers.Password);
        var copy = jar.Copy();
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(DemoUsers.Viewer))!;
            (await users.ChangePasswordAsync(user, DemoUsers.Password, "lantern-orbit-pepper-42")).Succeeded.Should().BeTrue();
        }
        (await client.Http.GetAsync("/Brands")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (replay, replayJar) = NewJarClient();
        replayJar.Set(copy);
        (await replay.Http.GetAsync("/Brands")).Headers.Location!.ToString().Should().Contain("/Account/Login");
        (await portal.Factory.SignInAsync(DemoUsers.Viewer, "lantern-orbit-pepper-42")).Should().NotBeNull("the new password signs in");
    }

    [Fact]
    public async Task Lockout_EndsTheSessionsOfTheLockedUser()
    {
        var session = await portal.SignInAsync(DemoUsers.NoPermission);
        (await session.Http.GetAsync("/Brands")).StatusCode.Should().Be(HttpStatusCode.OK);
        var attacker = portal.Factory.NewClient();
        for (var i = 0; i < 5; i++)
            await attacker.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = DemoUsers.NoPermission, ["Password"] = $"guess-number-{i}" });
        var after = await session.Http.GetAsync("/Brands");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task Removal_EndsTheSessionsOfTheRemovedUser()
    {
        var session = await portal.SignInAsync(DemoUsers.RepUnregistered);
        (await session.Http.GetAsync("/Brands")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            (await users.DeleteAsync((await users.FindByEmailAsync(DemoUsers.RepUnregistered))!)).Succeeded.Should().BeTrue();
        }
        var after = await session.Http.GetAsync("/Brands");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    private (PortalClient Client, CookieJar Jar) NewJarClient()
    {
        var jar = new CookieJar();
        return (new PortalClient(portal.Factory.CreateDefaultClient(jar)), jar);
    }

    /// <summary>Keeps cookies where the test can copy them, as someone copying a cookie out of a browser would.</summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];

        public Dictionary<string, string> Copy() => new(_cookies);

        public void Set(Dictionary<string, string> cookies)
        {
            foreach (var (name, value) in cookies) _cookies[name] = value;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                foreach (var header in values)
                {
                    var pair = header.Split(';')[0];
                    var eq = pair.IndexOf('=');
                    var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                    if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                    else _cookies[name] = value;
                }
            return response;
        }
    }
}
