using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using BrandPortal.Core;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using BrandPortal.Web.Localization;
using BrandPortal.Web.Tests.Pages;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>
/// Messages Core writes with values inside (an event type, a scope, a host, an amount, a brand's name) read in the
/// reader's language, the values as written: webhook and API key refusals, the Message Center's fallback subject and
/// the accepted refund's notice. A database of its own: it accepts a refund and removes an email.
/// </summary>
public sealed class ValuesInRefusalsTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static readonly IStringLocalizer Admin = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(AdminText));

    private static T In<T>(string language, Func<T> run)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try { return run(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ja")]
    public void ReasonFormats_EveryFormat_IsTranslatedInEveryLanguage(string language)
        => In(language, () => ReasonFormats.Formats.Keys.Where(k => Admin[k].ResourceNotFound).ToList()).Should().BeEmpty();

    [Theory]
    [InlineData("de", "Der Host hooks.nowhere.example wurde nicht gefunden.")]
    [InlineData("ja", "ホスト hooks.nowhere.example が見つかりませんでした。")]
    public void Reasons_HostNotFound_TranslatedWithTheHostAsWritten(string language, string expected)
    {
        var reasons = new[] { new OutcomeReason("WebhookUrl", "URL", "The host hooks.nowhere.example could not be found.") };

        In(language, () => Admin.Say(reasons)).Single().Detail.Should().Be(expected);
    }

    [Theory]
    [InlineData("de", "„review.exploded“ ist kein Ereignistyp; wählen Sie aus ")]
    [InlineData("ja", "「review.exploded」はイベントの種類ではありません。")]
    public async Task Webhooks_UnknownEvent_RefusalInTheReadersLanguageWithTheEventAsSent(string language, string expected)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, language);

        var response = await admin.PostFormAsync("/Admin/Webhooks?handler=Create",
            new Dictionary<string, string> { ["TargetUrl"] = "https://hooks.example.com/in", ["events"] = "review.exploded" }, "/Admin/Webhooks");

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[data-rule=WebhookEvents]")!.TextContent.Should().Contain(expected).And.NotContain("is not an event type");
    }

    [Theory]
    [InlineData("de", "Ein Kontoschlüssel kann den Bereich „catalog:write“ nicht haben; möglich sind reviews:read")]
    [InlineData("ja", "アカウントキーにはスコープ「catalog:write」を付けられません。")]
    public async Task ApiKeys_ScopeOfTheOtherKind_RefusalInTheReadersLanguageWithTheScopeAsSent(string language, string expected)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin, language);

        var response = await admin.PostFormAsync("/Admin/ApiKeys?handler=Create",
            new Dictionary<string, string> { ["Name"] = "Helpdesk", ["Scopes"] = "catalog:write" }, "/Admin/ApiKeys");

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[data-rule=ApiKeyScope]")!.TextContent.Should().Contain(expected).And.NotContain("cannot have the scope");
    }

    /// <summary>Jane's pages follow her marketplace unless she picks a language: she picks it with the footer's switcher.</summary>
    private async Task<PortalClient> CustomerInAsync(string language)
    {
        var client = await portal.SignInAsync(DemoUsers.Customer);
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var chosen = await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = language, ["back"] = "/YourAccount/MessageCenter" }, "/YourAccount/MessageCenter");
        chosen.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return client;
    }

    [Fact]
    public async Task MessageCenter_GermanCustomerAcceptsARefund_NoticeWritesTheAmountAsTheEmailDoes()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0281", ContactReason.CourtesyRefund); // 2 × 149.00 USD
        using var jane = await CustomerInAsync("de");
        var url = $"/YourAccount/MessageCenter/{contactId}";

        var response = await jane.PostFormAsync($"{url}?handler=Accept", new Dictionary<string, string>(), url);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, page) = await jane.GetPageAsync(url);

        page.QuerySelector("#notice")!.TextContent.Trim().Should().StartWith("Erstattung von 298,00\u00A0$ angenommen.");
    }

    [Fact]
    public async Task MessageCenter_JapaneseCustomerAMessageWithoutItsEmail_FallbackSubjectInJapaneseWithTheBrandAsWritten()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0289", ContactReason.CustomerSupport);
        await using (var db = portal.CreateContext())
            await db.OutboxEmails.Where(o => o.ContactId == contactId).ExecuteDeleteAsync();
        using var jane = await CustomerInAsync("ja");

        var (_, list) = await jane.GetPageAsync("/YourAccount/MessageCenter");
        var subject = list.QuerySelector($"a[href='/YourAccount/MessageCenter/{contactId}'] .message-subject")!;
        subject.TextContent.Should().Be("Acmeからのメッセージ");
        subject.QuerySelector("[translate=no]")!.TextContent.Should().Be("Acme");

        var (_, message) = await jane.GetPageAsync($"/YourAccount/MessageCenter/{contactId}");
        message.QuerySelector("h1")!.TextContent.Should().Be("Acmeからのメッセージ");
        message.Title.Should().Contain("Acmeからのメッセージ");
    }
}
