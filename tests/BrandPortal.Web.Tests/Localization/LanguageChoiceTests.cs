using System.Net;
using System.Net.Http.Headers;
using BrandPortal.Core.Audit;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>
/// How a page's language is chosen: the footer's switcher or /Account/Language (this browser's cookie, and the user's
/// stored language), then the stored language, a customer's marketplace, the browser's Accept-Language, English.
/// Each test class has its own database: choices are stored.
/// </summary>
public sealed class LanguageChoiceTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static async Task<string> LangOfAsync(PortalClient client, string url = "/Account/Language", string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(acceptLanguage));
        var response = await client.Http.SendAsync(request);
        var document = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        return document.DocumentElement.GetAttribute("lang")!;
    }

    private async Task<string?> StoredAsync(string email)
    {
        await using var db = portal.CreateContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Language).SingleAsync();
    }

    [Fact]
    public async Task Switcher_SignedInUser_StoresTheLanguageWhichFollowsThemToAnotherBrowser()
    {
        using var first = await portal.SignInAsync(DemoUsers.Viewer);
        var response = await first.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = "de", ["back"] = "/Brands" }, "/Brands");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/Brands");
        (await StoredAsync(DemoUsers.Viewer)).Should().Be("de");
        using var second = await portal.SignInAsync(DemoUsers.Viewer);
        (await LangOfAsync(second, "/Brands", acceptLanguage: "fr")).Should().Be("de", "the stored language wins over the browser's");
        await using var db = portal.CreateContext();
        (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.LanguageChanged && a.ObjectId == DemoUsers.Viewer && a.After == "de")).Should().Be(1);
    }

    [Fact]
    public async Task Switcher_Anonymous_SetsTheCultureCookieOnly()
    {
        using var client = portal.Factory.NewClient();
        var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = "ja", ["back"] = "/Account/Login" }, "/Account/Login");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("bp.culture=c%3Dja%7Cuic%3Dja", StringComparison.Ordinal));
        (await LangOfAsync(client, "/Account/Login", acceptLanguage: "de")).Should().Be("ja");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Switcher_ForeignReturnAddress_StaysOnThePortal(string back)
    {
        using var client = portal.Factory.NewClient();
        var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = "fr", ["back"] = back }, "/Account/Login");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().StartWith("/Account/Language");
    }

    [Fact]
    public async Task Switcher_UnofferedLanguage_IsRefusedAndNothingIsStored()
    {
        using var client = await portal.SignInAsync(DemoUsers.RepOneBrand);
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);
        var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = "qps-ploc" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Choose one of the languages offered");
        (response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).Should().NotContain(c => c.StartsWith("bp.culture", StringComparison.Ordinal));
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before);
    }

    [Fact]
    public async Task Switcher_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = portal.Factory.NewClient();
        var response = await client.Http.PostAsync("/Account/Language", new FormUrlEncodedContent([new("Language", "de")]));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Customer_WithoutAChoice_SeesTheLanguageOfTheirMarketplaceOverTheBrowsers()
    {
        await using var db = portal.CreateContext();
        var marketplace = await db.Users.Where(u => u.Email == DemoUsers.Customer)
            .Select(u => db.Orders.Where(o => o.CustomerId == u.CustomerId).OrderByDescending(o => o.PlacedAt).Select(o => (BrandPortal.Core.Data.Entities.Marketplace?)o.Marketplace).FirstOrDefault())
            .SingleAsync();
        var expected = BrandPortal.Core.Email.CustomerLanguage.Of(marketplace).Code;
        using var client = await portal.SignInAsync(DemoUsers.Customer);

        (await LangOfAsync(client, "/YourAccount/MessageCenter", acceptLanguage: expected == "ja" ? "de" : "ja")).Should().Be(expected);
    }

    [Fact]
    public async Task BrandUser_WithoutAChoice_SeesTheBrowsersLanguage()
    {
        using var client = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        (await LangOfAsync(client, "/Brands", acceptLanguage: "es")).Should().Be("es");
        (await LangOfAsync(client, "/Brands")).Should().Be("en");
    }

    [Fact]
    public async Task ProfilePage_Automatic_ClearsTheStoredLanguageAndTheCookie()
    {
        using var client = await portal.SignInAsync(DemoUsers.AccountAdmin);
        (await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = "fr" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StoredAsync(DemoUsers.AccountAdmin)).Should().Be("fr");
        var (_, page) = await client.GetPageAsync("/Account/Language");
        page.QuerySelector("#language-fr")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("#language-message")!.TextContent.Should().Be("Votre langue est enregistrée.");

        var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = "" });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StoredAsync(DemoUsers.AccountAdmin)).Should().BeNull();
        (await LangOfAsync(client, "/Brands", acceptLanguage: "ja")).Should().Be("ja");
    }
}
