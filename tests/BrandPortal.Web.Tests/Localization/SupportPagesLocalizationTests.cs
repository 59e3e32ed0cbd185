using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>Support's tools and the Brand Registry administrator's cases page in German and Japanese.</summary>
public sealed class SupportPagesLocalizationTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData("de", "/Support/Cases", "Fälle der Markenregistrierung")]
    [InlineData("de", "/Support/Accounts", "Verkäuferkonten")]
    [InlineData("de", "/Support/Brands", "Marken")]
    [InlineData("de", "/Support/ApiKeys", "Plattform-API-Schlüssel")]
    [InlineData("de", "/Support/Webhooks", "Plattform-Webhooks")]
    [InlineData("de", "/Admin/Audit", "Prüfprotokoll")]
    [InlineData("ja", "/Support/Cases", "ブランド登録のケース")]
    [InlineData("ja", "/Support/Accounts", "出品者アカウント")]
    [InlineData("ja", "/Support/Brands", "ブランド")]
    [InlineData("ja", "/Support/ApiKeys", "プラットフォームAPIキー")]
    [InlineData("ja", "/Support/Webhooks", "プラットフォームWebhook")]
    [InlineData("ja", "/Admin/Audit", "監査ログ")]
    public async Task SupportTools_AcceptLanguage_HeadingAndNavigationTranslated(string language, string url, string heading)
    {
        var support = await portal.SignInAsync(DemoUsers.Support, language);

        var (response, page) = await support.GetPageAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be(heading);
        var nav = page.QuerySelector("nav.subnav")!;
        nav.GetAttribute("aria-label").Should().Be(language == "de" ? "Support-Tools" : "サポートツール");
        nav.TextContent.Should().Contain(language == "de" ? "Verkäuferkonten" : "出品者アカウント").And.NotContain("Seller accounts");
    }

    [Theory]
    [InlineData("de", "Professional", "Einzelanbieter", "Gefährdet", "Speichern")]
    [InlineData("ja", "大口出品", "小口出品", "リスクあり", "保存")]
    public async Task Accounts_AcceptLanguage_PlansStandingsAndSaveTranslated_NamesMarked(string language, string professional, string individual, string atRisk, string save)
    {
        var support = await portal.SignInAsync(DemoUsers.Support, language);

        var (_, page) = await support.GetPageAsync("/Support/Accounts");

        var row = page.QuerySelector("#accounts tbody tr")!;
        row.QuerySelectorAll("select[name=plan] option").Select(o => o.TextContent).Should().Equal(professional, individual);
        row.QuerySelector("select[name=standing] option[value=AtRisk]")!.TextContent.Should().Be(atRisk);
        row.QuerySelector("button")!.TextContent.Should().Be(save);
        page.QuerySelectorAll("#accounts th[scope=row] > [translate=no]").Select(e => e.TextContent).Should().Contain("Acme Trading");
    }

    [Theory]
    [InlineData("de", "Markenvertreter")]
    [InlineData("ja", "ブランド代表者")]
    public async Task RegistryCases_AcceptLanguage_FormAndHeadingsTranslated(string language, string representative)
    {
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin, language);

        var (response, page) = await registry.GetPageAsync("/BrandRegistry/Cases");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be(language == "de" ? "Fälle der Markenregistrierung" : "ブランド登録のケース");
        page.QuerySelector("#new-case")!.TextContent.Should().Contain(representative);
        page.QuerySelector("form.form-grid button")!.TextContent.Should().Be(language == "de" ? "Fall einreichen" : "ケースを提出");
        page.QuerySelector("label[for=justification]")!.TextContent.Should().Be(language == "de" ? "Begründung" : "理由");
        page.QuerySelectorAll("#brand option").Should().NotBeEmpty().And.OnlyContain(o => o.GetAttribute("translate") == "no");
    }

    [Theory]
    [InlineData("de", "Erklären Sie, warum dieser Nutzer Zugriff als Markenvertreter benötigt: Der Support entscheidet anhand dieser Begründung.")]
    [InlineData("ja", "このユーザーにブランド代表者のアクセスが必要な理由を説明してください。サポートはこの理由に基づいて決定します。")]
    public async Task RegistryCases_SubmitWithoutJustification_RefusalTranslated(string language, string message)
    {
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin, language);
        var (_, form) = await registry.GetPageAsync("/BrandRegistry/Cases");
        var brandId = form.QuerySelector("#brand option")!.GetAttribute("value")!;

        var response = await registry.PostFormAsync("/BrandRegistry/Cases",
            new Dictionary<string, string> { ["BrandId"] = brandId, ["UserEmail"] = DemoUsers.Viewer, ["Justification"] = "" });

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#error")!.TextContent.Should().Be(message);
    }

    [Fact]
    public async Task Case_SubmittedInGermanDecidedInJapanese_NoticesStatesAndButtonsInEachLanguage()
    {
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin, "de");
        var (_, form) = await registry.GetPageAsync("/BrandRegistry/Cases");
        // viewer@acme.test represents Acme only; the case asks for Acme Outdoors.
        var brandId = form.QuerySelectorAll("#brand option").Single(o => o.TextContent == "Acme Outdoors").GetAttribute("value")!;

        var submitted = await registry.PostFormAsync("/BrandRegistry/Cases", new Dictionary<string, string>
            { ["BrandId"] = brandId, ["UserEmail"] = DemoUsers.Viewer, ["Justification"] = "Betreut die Outdoor-Linie." });

        submitted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, mine) = await registry.GetPageAsync("/BrandRegistry/Cases");
        mine.QuerySelector("#message")!.TextContent.Should().MatchRegex("^Fall BR-\\d{5} eingereicht\\. Der Support der Markenregistrierung entscheidet darüber; Sie erhalten dann eine E-Mail\\.$");
        mine.QuerySelector("#cases tbody tr")!.TextContent.Should().Contain("Offen").And.Contain("Wartet auf den Support");

        var support = await portal.SignInAsync(DemoUsers.Support, "ja");
        var (_, queue) = await support.GetPageAsync("/Support/Cases");
        var open = queue.QuerySelector("article.case")!;
        open.QuerySelector("button[value=approve]")!.TextContent.Should().Be("承認してロールを付与");
        open.QuerySelector("button[value=reject]")!.TextContent.Should().Be("却下");
        open.QuerySelector("p.pre")!.GetAttribute("translate").Should().Be("no");
        var caseId = open.QuerySelector("input[name=caseId]")!.GetAttribute("value")!;

        var decided = await support.PostFormAsync("/Support/Cases", new Dictionary<string, string>
            { ["caseId"] = caseId, ["decision"] = "reject", ["note"] = "Bitte mit dem Markeninhaber klären." }, "/Support/Cases");

        decided.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, after) = await support.GetPageAsync("/Support/Cases");
        after.QuerySelector("#message")!.TextContent.Should().MatchRegex("^ケースBR-\\d{5}を却下しました。申請者にメモ付きのEメールで通知します。$");
        after.QuerySelector("#decided .badge")!.TextContent.Should().Be("却下");
    }
}
