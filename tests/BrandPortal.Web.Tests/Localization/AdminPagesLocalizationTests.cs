using System.Net;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages.Admin;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>The account administrator's pages (/Admin/…) in German and Japanese: headings, buttons, permission names, service messages.</summary>
public sealed class AdminPagesLocalizationTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData("de", "Nutzerberechtigungen", "Kundenrezensionen", "Käufer-Verkäufer-Nachrichten", "Werbung", "Anzeigen und bearbeiten", "Einladung senden")]
    [InlineData("ja", "ユーザー権限", "カスタマーレビュー", "購入者と出品者のメッセージ", "広告", "閲覧および編集", "招待を送信")]
    public async Task Users_AcceptLanguage_HeadingsPermissionNamesAndLevelsTranslated_EmailsMarkedNotToTranslate(
        string language, string heading, string reviews, string messages, string header, string viewAndEdit, string invite)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, language);

        var (response, page) = await admin.GetPageAsync("/Admin/Users");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be(heading);
        page.QuerySelector("#users thead")!.TextContent.Should().Contain(reviews).And.Contain(messages).And.Contain(header).And.NotContain("Customer Reviews");
        page.QuerySelector("#users tbody")!.TextContent.Should().Contain(viewAndEdit);
        page.QuerySelector(".invite button")!.TextContent.Should().Be(invite);
        page.QuerySelectorAll("#users tbody th[scope=row] [translate=no]").Select(e => e.TextContent)
            .Should().Contain(DemoUsers.AccountAdmin).And.Contain(DemoUsers.Viewer);
    }

    [Theory]
    [InlineData("de", "Werbung", "Nachrichten", "Einstellungen", "Keine", "Anzeigen", "Berechtigungen speichern")]
    [InlineData("ja", "広告", "メッセージ", "設定", "なし", "閲覧", "権限を保存")]
    public async Task Edit_AcceptLanguage_HeadersLevelsAndButtonTranslated(
        string language, string advertising, string messaging, string settings, string none, string view, string save)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, language);

        var (_, page) = await admin.GetPageAsync($"/Admin/Users/{await portal.UserIdAsync(DemoUsers.Viewer)}");

        page.QuerySelectorAll("fieldset.perm-header > legend").Select(l => l.TextContent.Trim()).Should().Equal(advertising, messaging, settings);
        page.QuerySelector("label[for=lvl-CustomerReviews-None]")!.TextContent.Trim().Should().Be(none);
        page.QuerySelector("label[for=lvl-CustomerReviews-View]")!.TextContent.Trim().Should().Be(view);
        page.QuerySelector("form.permissions button")!.TextContent.Should().Be(save);
        page.QuerySelector("h1 [translate=no]")!.TextContent.Should().Be(DemoUsers.Viewer);
    }

    [Fact]
    public async Task Edit_SaveUnchangedInGerman_ServiceNoticeTranslated()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, "de");
        var viewer = await portal.UserIdAsync(DemoUsers.Viewer);
        var levels = await portal.PermissionsAsync(DemoUsers.Viewer);
        string Level(BrandPortal.Core.Data.Entities.Permission p) => levels.GetValueOrDefault(p).ToString();

        var response = await admin.SavePermissionsAsync(viewer, Level(BrandPortal.Core.Data.Entities.Permission.CustomerReviews),
            Level(BrandPortal.Core.Data.Entities.Permission.BuyerSellerMessages), Level(BrandPortal.Core.Data.Entities.Permission.UserPermissions));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync($"/Admin/Users/{viewer}")).Document.QuerySelector("#saved")!.TextContent
            .Should().Be("Nichts geändert: Dies waren bereits die Berechtigungen des Nutzers.");
    }

    [Fact]
    public async Task Edit_TamperedLevelInJapanese_RefusalNamesThePermissionAndItsLevelsInJapanese()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, "ja");

        var response = await admin.SavePermissionsAsync(await portal.UserIdAsync(DemoUsers.Viewer), "Everything");

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#error")!.TextContent.Should().Be("カスタマーレビューのレベルを選択してください（なし、閲覧、閲覧および編集）。");
    }

    [Fact]
    public async Task Invite_InvalidAddressInJapanese_MessageAndTheAddressRuleBothTranslated()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, "ja");

        var response = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = "nobody" }, "/Admin/Users");

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#invite-error")!.TextContent.Should()
            .Be("有効なEメールアドレスを入力してください（例：name@example.com）。 招待する方のEメールアドレスを入力してください（例：name@example.com）。");
    }

    [Theory]
    [InlineData("de", "Prüfprotokoll", "Angemeldet", "Filtern")]
    [InlineData("ja", "監査ログ", "サインイン", "絞り込む")]
    public async Task Audit_AcceptLanguage_ActionsDescribedInTheLanguageWithTheirCodeKept(string language, string heading, string signedIn, string filter)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, language);

        var (_, page) = await admin.GetPageAsync("/Admin/Audit?action=SignIn");

        page.QuerySelector("h1")!.TextContent.Should().Be(heading);
        page.QuerySelector("#action option[value=SignIn]")!.TextContent.Should().Be(language == "ja" ? $"{signedIn}（SignIn）" : $"{signedIn} (SignIn)");
        page.QuerySelector(".filters-actions button")!.TextContent.Should().Be(filter);
        var cells = page.QuerySelectorAll("#audit tbody tr td:nth-child(3)");
        cells.Should().NotBeEmpty().And.OnlyContain(td => td.TextContent.Contains(signedIn) && td.QuerySelector("code[translate=no]")!.TextContent == "SignIn");
        page.QuerySelectorAll("#audit tbody tr td:nth-child(2)").Should().OnlyContain(td => td.GetAttribute("translate") == "no");
    }

    [Fact]
    public async Task Audit_BadDateInJapanese_FilterErrorTranslatedWithItsValues()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, "ja");

        var (_, page) = await admin.GetPageAsync("/Admin/Audit?from=31.05.2026");

        page.QuerySelector(".alert-error")!.TextContent.Should().Be("開始日は2026-05-31のような日付で指定してください。");
    }

    [Theory]
    [InlineData("de", "API-Schlüssel", "Schlüssel erstellen", "Der Schlüssel wurde nicht erstellt.", "Wählen Sie mindestens einen Bereich")]
    [InlineData("ja", "APIキー", "キーを作成", "キーは作成されませんでした。", "スコープを1つ以上選択してください")]
    public async Task ApiKeys_CreateWithoutScopes_PageAndRefusalTranslated(string language, string heading, string create, string refused, string reason)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, language);
        (await admin.GetPageAsync("/Admin/ApiKeys")).Document.QuerySelector("h1")!.TextContent.Should().Be(heading);

        var response = await admin.PostFormAsync("/Admin/ApiKeys?handler=Create", new Dictionary<string, string> { ["Name"] = "Helpdesk" }, "/Admin/ApiKeys");

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#create-title")!.TextContent.Should().Be(create);
        page.QuerySelector("#error")!.TextContent.Should().Be(refused);
        page.QuerySelector("[data-rule=ApiKeyScopes]")!.TextContent.Should().Contain(reason);
    }

    [Theory]
    [InlineData("de", "Webhooks", "URL abonnieren", "Abonnieren")]
    [InlineData("ja", "Webhook", "URLを登録", "登録")]
    public async Task Webhooks_AcceptLanguage_HeadingsAndButtonTranslated(string language, string heading, string subscribeTitle, string subscribe)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, language);

        var (_, page) = await admin.GetPageAsync("/Admin/Webhooks");

        page.QuerySelector("h1")!.TextContent.Should().Be(heading);
        page.QuerySelector("#create-title")!.TextContent.Should().Be(subscribeTitle);
        page.QuerySelector("form[action*=Create] button")!.TextContent.Should().Be(subscribe);
    }
}
