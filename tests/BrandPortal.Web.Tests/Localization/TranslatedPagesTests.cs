using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>The pages this part of the portal converted, asked for in German and Japanese (and French for the error page).</summary>
public sealed class TranslatedPagesTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetAsync(PortalClient client, string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var response = await client.Http.SendAsync(request);
        return (response.StatusCode, await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Login_German_IsWrittenInGermanWithItsTitleAndNav()
    {
        var (status, page) = await GetAsync(portal.Factory.NewClient(), "/Account/Login", "de");

        status.Should().Be(HttpStatusCode.OK);
        page.Title.Should().Be("Anmelden · BrandPortal");
        page.QuerySelector("h1")!.TextContent.Should().Be("Anmelden");
        page.QuerySelector("label[for=password]")!.TextContent.Should().Be("Passwort");
        page.QuerySelector("nav")!.GetAttribute("aria-label").Should().Be("Hauptmenü");
        page.QuerySelector("#footer-language option[selected]")!.GetAttribute("value").Should().Be("de");
    }

    [Fact]
    public async Task Login_RefusedInJapanese_SaysWhyInJapanese()
    {
        var client = portal.Factory.NewClient();
        var token = await client.AntiforgeryTokenAsync("/Account/Login");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("Email", DemoUsers.Viewer), new("Password", "not the password"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("ja"));
        var page = await PortalClient.ParseAsync(await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync());

        page.QuerySelector(".alert-error")!.TextContent.Should().StartWith("メールアドレスまたはパスワードが正しくありません。");
    }

    [Fact]
    public async Task Dashboard_Japanese_TranslatesTheWordsAndMarksBrandNamesNotToTranslate()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (status, page) = await GetAsync(rep, "/Brands", "ja");

        status.Should().Be(HttpStatusCode.OK);
        page.DocumentElement.GetAttribute("lang").Should().Be("ja");
        page.QuerySelector("h1")!.TextContent.Should().Be("ご担当のブランド");
        page.QuerySelector("#insights")!.TextContent.Should().Be("インサイト");
        page.QuerySelector("svg.chart title")!.TextContent.Should().Be("月ごとの批判的なレビュー（棒）と平均評価（線）");
        page.QuerySelectorAll("table.table tbody td[translate=no]").Select(td => td.TextContent).Should().Contain(n => n.StartsWith("Acme", StringComparison.Ordinal));
        page.QuerySelector(".session .who")!.GetAttribute("translate").Should().Be("no");
        page.QuerySelectorAll("details time[datetime]").Should().NotBeEmpty()
            .And.OnlyContain(t => t.TextContent.Contains('年') && t.TextContent.EndsWith('月'));
    }

    [Fact]
    public async Task Alerts_German_ExplainsTheChoicesInGerman()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (status, page) = await GetAsync(rep, "/Brands/Alerts", "de");

        status.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be("Rezensionsbenachrichtigungen");
        page.QuerySelector("label[for=frequency-daily]")!.TextContent.Should().Be("Täglich");
        page.QuerySelector("#frequency-weekly-help")!.TextContent.Should().Be("Höchstens eine E-Mail pro Woche mit den neuen kritischen Rezensionen.");
        page.QuerySelector("#alert-brands")!.GetAttribute("translate").Should().Be("no");
    }

    [Fact]
    public async Task Error_NotFoundInFrench_IsTheFrenchErrorPage()
    {
        var (status, page) = await GetAsync(portal.Factory.NewClient(), "/No/Such/Page", "fr");

        status.Should().Be(HttpStatusCode.NotFound);
        page.DocumentElement.GetAttribute("lang").Should().Be("fr");
        page.QuerySelector("h1")!.TextContent.Should().Be("Page introuvable");
    }
}
