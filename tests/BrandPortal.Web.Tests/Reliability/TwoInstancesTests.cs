using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>Two portal instances on one database behave as one portal behind a load balancer.</summary>
public sealed class TwoInstancesTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task SignIn_OnOneInstance_IsValidOnTheOther()
    {
        await using var first = new PortalFactory(portal.ConnectionString, portal.Smtp);
        await using var second = new PortalFactory(portal.ConnectionString, portal.Smtp);

        var a = first.NewClient();
        var token = await a.AntiforgeryTokenAsync("/Account/Login");
        var signIn = await a.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoUsers.RepTwoBrands, ["Password"] = DemoUsers.Password, ["__RequestVerificationToken"] = token,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bp.auth=")).Split(';')[0];

        var b = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Brands");
        request.Headers.Add("Cookie", authCookie);
        var response = await b.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the second instance reads the first one's cookie with the shared keys");
        (await response.Content.ReadAsStringAsync()).Should().Contain(DemoUsers.RepTwoBrands);

        // Shared through the database, not through this machine's file system: instances on other hosts agree too.
        await using var db = portal.CreateContext();
        db.DataProtectionKeys.Count().Should().BeGreaterThan(0);
        db.DataProtectionKeys.Select(k => k.Xml).ToList().Should().OnlyContain(xml => xml!.Contains("<key "));
    }

    [Fact]
    public async Task AntiforgeryToken_FromOneInstance_IsAcceptedByTheOther()
    {
        await using var first = new PortalFactory(portal.ConnectionString, portal.Smtp);
        await using var second = new PortalFactory(portal.ConnectionString, portal.Smtp);
        var a = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await a.GetAsync("/Account/Login");
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bp.af=")).Split(';')[0];
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var b = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = DemoUsers.Viewer, ["Password"] = DemoUsers.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", cookie);
        (await b.SendAsync(post)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
