using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Messaging;
using BrandPortal.Testing;
using BrandPortal.Web.Localization;
using BrandPortal.Web.Tests.Pages;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>
/// The customer's Message Center and the brand's Messages pages in German and Japanese: headings, buttons and the
/// services' messages translated, the guideline findings explained in the reader's language, and what people wrote
/// (message bodies, names, subjects) left as written inside translate="no".
/// </summary>
public sealed class MessagesLocalizationTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    /// <summary>
    /// A brand user reads the browser's language. Jane shops on the US marketplace, whose language her pages follow
    /// unless she picks another; so a customer picks hers with the footer's switcher, as she would.
    /// </summary>
    private static async Task<PortalClient> InAsync(Task<PortalClient> signIn, string language, bool customer = false)
    {
        var client = await signIn;
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        if (customer)
        {
            var chosen = await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = language, ["back"] = "/YourAccount/MessageCenter" }, "/YourAccount/MessageCenter");
            chosen.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        return client;
    }

    private static async Task<IHtmlDocument> PageAsync(PortalClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return page;
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) => await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

    private static string Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)!.TextContent.Trim();

    private static IEnumerable<string> Buttons(IHtmlDocument page) => page.QuerySelectorAll("main button").Select(b => b.TextContent.Trim());

    [Theory]
    [InlineData("de", "Nachrichtencenter", "Antwort senden", "Ablehnen, bitte nicht kontaktieren", "blockieren")]
    [InlineData("ja", "メッセージセンター", "返信を送信", "お断りする（連絡を希望しない）", "をブロック")]
    public async Task MessageCenter_CustomerInTheirLanguage_IsTranslatedAndLeavesTheBrandsWordsAsWritten(
        string language, string center, string sendReply, string decline, string block)
    {
        // A request no test of this class answers, so that the reply and decline buttons are still offered.
        var contactId = await ContactSteps.ContactAsync(portal, "R0289", ContactReason.CustomerSupport);
        using var jane = await InAsync(portal.SignInAsync(DemoUsers.Customer), language, customer: true);

        var list = await PageAsync(jane, "/YourAccount/MessageCenter");
        list.DocumentElement.GetAttribute("lang").Should().Be(language);
        Text(list, "h1").Should().Be(center);
        list.QuerySelector("#unread-count")!.TextContent.Should().NotContain("unread").And.NotContain("messages");
        var item = list.QuerySelector($"a[href='/YourAccount/MessageCenter/{contactId}']")!;
        item.QuerySelector(".message-subject")!.GetAttribute("translate").Should().Be("no");
        item.QuerySelector(".message-from")!.GetAttribute("translate").Should().Be("no");

        var message = await PageAsync(jane, $"/YourAccount/MessageCenter/{contactId}");
        Text(message, "nav.breadcrumb a").Should().Be(center);
        message.QuerySelector("h1")!.GetAttribute("translate").Should().Be("no");
        message.QuerySelector(".email-body")!.GetAttribute("translate").Should().Be("no");
        Buttons(message).Should().Contain([sendReply, decline]).And.Contain(b => b.Contains(block) && b.Contains("Acme"));
        Buttons(message).Should().NotContain(b => b.Contains("Send") || b.Contains("Decline") || b.Contains("Block"));
    }

    [Fact]
    public async Task MessageCenter_GermanCustomerReplies_TheNoticeAndTheConversationAreGermanAndTheReplyAsWritten()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        using var jane = await InAsync(portal.SignInAsync(DemoUsers.Customer), "de", customer: true);
        var url = $"/YourAccount/MessageCenter/{contactId}";
        var reply = $"Der Deckel tropft noch {Guid.NewGuid():N}.";

        var response = await jane.PostFormAsync($"{url}?handler=Reply", new Dictionary<string, string> { ["Reply"] = reply }, url);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await PageAsync(jane, url);
        Text(page, "#notice").Should().Be("Antwort gesendet. Die Marke wurde gebeten, innerhalb von 24 Stunden zu antworten.");
        Text(page, "#conversation-title").Should().Be("Unterhaltung mit Acme");
        var bubble = page.QuerySelectorAll(".conversation .bubble-body").Single(b => b.TextContent == reply);
        bubble.GetAttribute("translate").Should().Be("no");
        bubble.ParentElement!.QuerySelector(".bubble-meta")!.TextContent.Should().StartWith("Sie ·");
    }

    [Fact]
    public async Task MessageCenter_JapaneseCustomerSendsTooLongAReply_IsRefusedInJapaneseWithTheLengthAndTheLimit()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        using var jane = await InAsync(portal.SignInAsync(DemoUsers.Customer), "ja", customer: true);
        var url = $"/YourAccount/MessageCenter/{contactId}";

        var response = await jane.PostFormAsync($"{url}?handler=Reply", new Dictionary<string, string> { ["Reply"] = new string('x', 4001) }, url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Text(await ParseAsync(response), "#error").Should().Be("返信は4001文字です。上限は4000文字です。");
    }

    [Fact]
    public async Task MessageCenter_GermanCustomerWithARefundOffer_ReadsTheAmountAsTheEmailWritesIt()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0281", ContactReason.CourtesyRefund); // 2 × 149.00 USD
        using var jane = await InAsync(portal.SignInAsync(DemoUsers.Customer), "de", customer: true);

        var page = await PageAsync(jane, $"/YourAccount/MessageCenter/{contactId}");
        var offer = page.QuerySelector("#refund-title")!.ParentElement!;
        offer.TextContent.Should().Contain("bietet Ihnen eine vollständige Erstattung von 298,00\u00A0$ an");
        Buttons(page).Should().Contain("Erstattung annehmen");
    }

    [Theory]
    [InlineData("de", "Käufer-Verkäufer-Nachrichten", "Kunde", "Unterhaltung mit Jane", "Antwort senden", "Keine Antwort erforderlich")]
    [InlineData("ja", "購入者と出品者とのメッセージ", "購入者", "Jane様との会話", "返信を送信", "返信不要")]
    public async Task Messages_RepInTheirLanguage_ListAndThreadAreTranslatedAndTheCustomersWordsAsWritten(
        string language, string heading, string customerColumn, string conversation, string send, string noResponse)
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var rep = await InAsync(portal.SignInAsync(DemoUsers.RepTwoBrands), language);

        var list = await PageAsync(rep, "/Brands/Messages");
        list.DocumentElement.GetAttribute("lang").Should().Be(language);
        Text(list, "h1").Should().Be(heading);
        list.QuerySelectorAll("#threads th").Select(th => th.TextContent).Should().Contain(customerColumn);
        var row = list.QuerySelector($"#threads a[href='/Brands/Messages/{threadId}']")!.Closest("tr")!;
        row.QuerySelectorAll("[translate=no]").Select(e => e.TextContent).Should().Contain("Jane");

        var thread = await PageAsync(rep, $"/Brands/Messages/{threadId}");
        Text(thread, "h1").Should().Be(conversation);
        thread.Title.Should().Contain(conversation);
        thread.QuerySelector("h1 [translate=no]")!.TextContent.Should().Be("Jane");
        Buttons(thread).Should().Contain(send);
        thread.QuerySelectorAll(".bubble-body").Should().NotBeEmpty().And.OnlyContain(b => b.GetAttribute("translate") == "no");
        thread.QuerySelectorAll(".bubble-body").Select(b => b.TextContent).Should().Contain("The lid still leaks after a week.");
        if (thread.QuerySelector("#no-response-form") is { } form) form.QuerySelector("button")!.TextContent.Trim().Should().Be(noResponse);
    }

    [Theory]
    [InlineData("de", "Bitte ändern Sie Ihre Bewertung, dann erstatten wir den Kaufpreis.",
        "Diese Antwort verstößt gegen die Kommunikationsrichtlinien und wurde nicht gesendet.",
        "Bitten Sie nicht darum, eine Rezension zu ändern, zu aktualisieren oder zu entfernen.", "Gefunden:")]
    [InlineData("ja", "レビューを削除していただければ返金いたします。",
        "この返信はコミュニケーションガイドラインに違反しているため、送信されませんでした。",
        "レビューの変更・更新・削除を依頼しないでください。", "該当箇所：")]
    public async Task Answer_BreakingGuidelinesInTheRepsLanguage_IsRefusedWithTheFindingsInThatLanguage(
        string language, string draft, string error, string changeTitle, string found)
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var rep = await InAsync(portal.SignInAsync(DemoUsers.RepTwoBrands), language);

        var response = await rep.PostFormAsync($"/Brands/Messages/{threadId}", new Dictionary<string, string> { ["Answer"] = draft });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        Text(page, "#answer-error .alert-text").Should().Be(error);
        var rules = page.QuerySelectorAll("#answer-error li").ToList();
        rules.Select(li => li.GetAttribute("data-rule")).Should().Contain([nameof(GuidelineRule.AsksToChangeReview), nameof(GuidelineRule.IncentiveForReview)]);
        var change = rules.Single(li => li.GetAttribute("data-rule") == nameof(GuidelineRule.AsksToChangeReview));
        change.QuerySelector("strong")!.TextContent.Should().Be(changeTitle);
        change.TextContent.Should().Contain(found).And.NotContain("Found:").And.NotContain("Do not");
        draft.Should().Contain(change.QuerySelector(".muted [translate=no]")!.TextContent, "the excerpt found is the rep's own words, as written");
        page.QuerySelector("#answer")!.TextContent.Should().Be(draft);
    }

    [Theory]
    [InlineData("de", "Bericht zu Antwortzeiten", "Antwortzeit je Marke und Zeitraum", "Acme: 7 Tage")]
    [InlineData("ja", "応答時間レポート", "ブランド別・期間別の応答時間", "Acme：7日間")]
    public async Task Report_RepInTheirLanguage_IsTranslatedChartDescriptionIncluded(string language, string heading, string caption, string chart)
    {
        await ContactSteps.ThreadAsync(portal, "R0331");
        using var rep = await InAsync(portal.SignInAsync(DemoUsers.RepTwoBrands), language);
        var page = await PageAsync(rep, "/Brands/Messages/Report");
        Text(page, "h1").Should().Be(heading);
        Text(page, "#report caption").Should().Be(caption);
        Text(page, "#chart-svg-desc").Should().Contain(chart).And.NotContain("{0}");
        page.QuerySelectorAll("#report tbody th").Should().OnlyContain(th => th.GetAttribute("translate") == "no");
    }

    [Theory]
    [InlineData("de", "Hilfe", "Kommunikationsrichtlinien", "Häufig gestellte Fragen")]
    [InlineData("fr", "Aide", "Règles de communication", "Questions fréquentes")]
    [InlineData("es", "Ayuda", "Pautas de comunicación", "Preguntas frecuentes")]
    [InlineData("ja", "ヘルプ", "コミュニケーションガイドライン", "よくある質問")]
    public async Task Help_InEachLanguage_ShowsTheHelpAndTheGuidelinesInThatLanguage(string language, string title, string guidelines, string faq)
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var page = await PortalClient.ParseAsync(await client.GetStringAsync("/Help"));
        Text(page, "h1").Should().Be(title);
        Text(page, "#guidelines").Should().Be(guidelines);
        Text(page, "#faq").Should().Be(faq);
        page.GetElementById("guidelines")!.ParentElement!.QuerySelectorAll("li").Should().HaveCount(4)
            .And.NotContain(li => li.TextContent.Contains("review") || li.TextContent.Contains("links"));
    }

    [Theory]
    [InlineData("de", "Dieser Link ist ungültig oder abgelaufen. Es wurde nichts geändert.")]
    [InlineData("ja", "このリンクは無効か、有効期限が切れています。設定は変更されていません。")]
    public async Task Unsubscribe_InvalidLinkInTheReadersLanguage_SaysSoInThatLanguage(string language, string invalid)
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var response = await client.GetAsync("/Alerts/Unsubscribe?token=not-a-token");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ParseAsync(response)).QuerySelector("#unsubscribe-invalid p")!.TextContent.Should().Be(invalid);
    }

    /// <summary>A rule added to the checker without its translations would explain itself in English to everyone.</summary>
    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ja")]
    public void GuidelineFindings_EveryRule_HasItsTitleAndExplanationInTheLanguage(string language)
    {
        var text = portal.Factory.Services.GetRequiredService<IStringLocalizer<MessagingText>>();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            foreach (var rule in Enum.GetValues<GuidelineRule>())
            {
                var (title, explanation) = GuidelineChecker.Describe(rule);
                text[title + "."].ResourceNotFound.Should().BeFalse($"{rule}'s title is translated into {language}");
                text[explanation].ResourceNotFound.Should().BeFalse($"{rule}'s explanation is translated into {language}");
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
