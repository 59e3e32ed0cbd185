using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>Customer Reviews and its pages as a German and a Japanese representative read them (Accept-Language).</summary>
public sealed class ReviewsPagesLocalizationTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<PortalClient> SignInAsync(string email, string language)
    {
        var client = await portal.SignInAsync(email);
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    /// <summary>A critical review of a brand, sold by a seller, with an order inside or outside the contact year, not blocked.</summary>
    private async Task<long> ReviewAsync(string brand, string seller, bool recentOrder)
    {
        await using var db = portal.CreateContext();
        var yearAgo = DateTimeOffset.UtcNow.AddYears(-1).AddDays(recentOrder ? 2 : -2);
        return await db.Reviews
            .Where(r => r.Rating <= 3 && r.VerifiedPurchase && db.Brands.Any(b => b.Id == r.BrandId && b.Name == brand)
                        && db.SellerAccounts.Any(s => s.Name == seller && s.Id == r.Order!.SellerAccountId)
                        && (recentOrder ? r.Order!.PlacedAt > yearAgo : r.Order!.PlacedAt < yearAgo)
                        && !db.CustomerBrandBlocks.Any(b => b.CustomerId == r.CustomerId && b.BrandId == r.BrandId))
            .OrderByDescending(r => r.CreatedAt).Select(r => r.Id).FirstAsync();
    }

    private async Task<IElement> CardAsync(PortalClient client, long reviewId)
    {
        await using var db = portal.CreateContext();
        return (await Pages.Brands.Reviews.ReviewPages.CardAsync(client, db, reviewId))!;
    }

    private static void UserContentIsMarked(IElement card)
    {
        card.QuerySelector(".card-title")!.GetAttribute("translate").Should().Be("no", "the review's title is the customer's");
        card.QuerySelector(".review-body")!.GetAttribute("translate").Should().Be("no", "the review's text is the customer's");
        card.QuerySelector(".badge-brand")!.GetAttribute("translate").Should().Be("no");
        card.QuerySelector(".product")!.GetAttribute("translate").Should().Be("no");
    }

    [Fact]
    public async Task CustomerReviews_German_HeadingFiltersButtonsAndCardAreGermanWithReviewTextUntranslated()
    {
        var id = await ReviewAsync("Acme", "Acme Trading", recentOrder: true);
        using var client = await SignInAsync(DemoUsers.RepTwoBrands, "de");

        var (response, doc) = await client.GetPageAsync("/Brands/Reviews");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.DocumentElement.GetAttribute("lang").Should().Be("de");
        doc.Title.Should().Contain("Kundenrezensionen");
        doc.QuerySelector("h1")!.TextContent.Should().Be("Kundenrezensionen");
        doc.QuerySelector("#filters-title")!.TextContent.Should().Be("Filter");
        doc.QuerySelector("#review-filters legend")!.TextContent.Should().Be("Sternebewertung");
        doc.QuerySelector("label[for=period]")!.TextContent.Should().Be("Zeitraum");
        doc.QuerySelector("label[for=contact]")!.TextContent.Should().Be("Kontaktstatus");
        doc.QuerySelector("#period option[value='12m']")!.TextContent.Should().Be("Letzte 12 Monate");
        doc.QuerySelector("#review-filters button[type=submit]")!.TextContent.Should().Be("Filter anwenden");
        doc.QuerySelector("#results-title")!.TextContent.Should().EndWith("Rezensionen");
        doc.QuerySelector("#filter-summary")!.TextContent.Should().Contain("Alle Ihre Marken").And.Contain("1, 2, 3 Sterne").And.Contain("neueste zuerst");
        doc.QuerySelector("#bulk button[value=done]")!.TextContent.Should().Be("Als erledigt markieren");

        var card = await CardAsync(client, id);
        card.QuerySelector(".review-actions a.button")!.TextContent.Should().Be("Kunden kontaktieren");
        card.QuerySelector(".badge-ok")!.TextContent.Should().Be("Verifizierter Kauf");
        card.QuerySelector(".review-stars")!.GetAttribute("aria-label").Should().MatchRegex("^[1-3] von 5 Sternen$");
        UserContentIsMarked(card);
    }

    [Fact]
    public async Task CustomerReviews_Japanese_HeadingFiltersButtonsAndCardAreJapaneseWithReviewTextUntranslated()
    {
        var id = await ReviewAsync("Acme", "Acme Trading", recentOrder: true);
        using var client = await SignInAsync(DemoUsers.RepTwoBrands, "ja");

        var (response, doc) = await client.GetPageAsync("/Brands/Reviews");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.DocumentElement.GetAttribute("lang").Should().Be("ja");
        doc.QuerySelector("h1")!.TextContent.Should().Be("カスタマーレビュー");
        doc.QuerySelector("label[for=sort]")!.TextContent.Should().Be("並べ替え");
        doc.QuerySelector("#sort option[value=newest]")!.TextContent.Should().Be("新しい順");
        doc.QuerySelector("#review-filters button[type=submit]")!.TextContent.Should().Be("絞り込みを適用");
        doc.QuerySelector("#saved-views-title")!.TextContent.Should().Be("保存済みビュー");

        var card = await CardAsync(client, id);
        card.QuerySelector(".review-actions a.button")!.TextContent.Should().Be("購入者に連絡");
        UserContentIsMarked(card);
    }

    [Fact]
    public async Task Card_German_EligibilityReasonIsGermanWithTheBrandNameUntranslated()
    {
        long id;
        await using (var db = portal.CreateContext())
            id = await db.Reviews.Where(r => r.Rating <= 3 && r.VerifiedPurchase
                                             && db.Brands.Any(b => b.Id == r.BrandId && b.Name == "Acme Outdoors")
                                             && db.Customers.Any(c => c.Id == r.CustomerId && c.Email == DemoUsers.CustomerBlockingB2))
                .OrderByDescending(r => r.CreatedAt).Select(r => r.Id).FirstAsync();
        using var client = await SignInAsync(DemoUsers.RepTwoBrands, "de");

        var card = await CardAsync(client, id);

        card.QuerySelector(".unable-title")!.TextContent.Should().Be("Kontaktaufnahme mit dem Kunden nicht möglich");
        var reason = card.QuerySelector("li[data-rule=NotBlocked]")!;
        reason.QuerySelector(".reason")!.TextContent.Should().Be("Der Kunde hat Nachrichten von Acme Outdoors blockiert.");
        reason.QuerySelector(".reason [translate=no]")!.TextContent.Should().Be("Acme Outdoors");
        reason.QuerySelector(".remedy")!.TextContent.Should().Be("Was Sie tun können: Hier ist nichts möglich: Die Entscheidung des Kunden wird respektiert.");
    }

    [Fact]
    public async Task Card_German_AccountStandingListsEachProblemInGerman()
    {
        long id;
        await using (var db = portal.CreateContext())
            id = await db.Reviews.Where(r => r.Rating <= 3 && r.VerifiedPurchase && db.Brands.Any(b => b.Id == r.BrandId && b.Name == "Northwind")
                                             && db.SellerAccounts.Any(s => s.Name == "Northwind Goods" && s.Id == r.Order!.SellerAccountId))
                .OrderByDescending(r => r.CreatedAt).Select(r => r.Id).FirstAsync();
        using var client = await SignInAsync(DemoUsers.RepAtRisk, "de");

        var card = await CardAsync(client, id);

        var item = card.QuerySelector("li[data-rule=AccountInGoodStanding]")!;
        item.QuerySelector(".reason")!.TextContent.Should().StartWith("Ihr Verkäuferkonto hat den Einzelanbieter-Tarif; ")
            .And.Contain("Ihr Verkäuferkonto ist gefährdet").And.EndWith(".");
        item.QuerySelector(".remedy")!.TextContent.Should().Contain("Stellen Sie das Konto auf den Tarif „Professionell“ um; beheben Sie");
    }

    [Fact]
    public async Task Card_Japanese_OrderOverAYearOldIsExplainedInJapaneseWithItsDateInATimeElement()
    {
        var id = await ReviewAsync("Acme", "Acme Trading", recentOrder: false);
        using var client = await SignInAsync(DemoUsers.RepTwoBrands, "ja");

        var card = await CardAsync(client, id);

        card.QuerySelector(".unable-title")!.TextContent.Should().Be("購入者に連絡できません");
        var reason = card.QuerySelector("li[data-rule=OrderWithinYear] .reason")!;
        reason.TextContent.Should().StartWith("この注文は").And.EndWith("連絡できるのは過去12か月以内の注文のみです。");
        reason.QuerySelector("time")!.GetAttribute("datetime").Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T");
        reason.TextContent.Should().NotContain("months").And.NotContain("years");
    }

    [Fact]
    public async Task CustomerReviews_GermanWithABadFilter_TheFilterMessageIsGerman()
    {
        using var client = await SignInAsync(DemoUsers.RepTwoBrands, "de");

        var (_, doc) = await client.GetPageAsync("/Brands/Reviews?stars=9&sort=sideways");

        Messages(doc).Should().Contain("Sternebewertungen reichen von 1 bis 5; es werden kritische Rezensionen (1 bis 3 Sterne) angezeigt.")
            .And.Contain("Rezensionen können nach neuesten, ältesten oder niedrigster Bewertung zuerst sortiert werden; die neuesten werden zuerst angezeigt.");
        doc.QuerySelector("#filter-messages .alert-title")!.TextContent.Should().Be("Einige Filter konnten nicht wie angegeben verwendet werden");
    }

    [Fact]
    public async Task ContactPage_Japanese_HeadingAndButtonsAreJapaneseAndTheReviewAndEmailAreNotTranslated()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0289");
        using var client = await SignInAsync(DemoUsers.RepTwoBrands, "ja");

        var (response, page) = await client.GetPageAsync($"/Brands/Reviews/{id}/Contact");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be("購入者に連絡");
        page.QuerySelector("#contact-form legend")!.TextContent.Should().Be("この購入者に連絡する理由");
        page.QuerySelector("#contact-form button[type=submit]")!.TextContent.Should().Be("送信");
        page.QuerySelector("label[for=reason-CourtesyRefund] strong")!.TextContent.Should().Be("好意による返金");
        page.QuerySelector("#language-CourtesyRefund")!.TextContent.Should().StartWith("英語");
        page.QuerySelector("#review-title")!.GetAttribute("translate").Should().Be("no");
        page.QuerySelector("#preview-CourtesyRefund")!.GetAttribute("translate").Should().Be("no", "the email is shown as the customer receives it");
        page.QuerySelector("#preview-CourtesyRefund")!.TextContent.Should().StartWith("Hello Jane,");
        page.QuerySelector("#notes-title")!.TextContent.Should().StartWith("社内メモ");
    }

    [Fact]
    public async Task SavedViews_German_RefusalAndNoticeAreGermanWithTheNameUntranslated()
    {
        using var client = await SignInAsync(DemoUsers.RepTwoBrands, "de");
        const string views = "/Brands/Reviews/Views";
        Task<HttpResponseMessage> SaveAsync(string name) => client.PostFormAsync($"{views}?handler=Save",
            new Dictionary<string, string> { ["name"] = name, ["visibility"] = "Private", ["query"] = "stars=1" }, views);

        var refused = await PortalClient.ParseAsync(await (await SaveAsync(" ")).Content.ReadAsStringAsync());
        var saved = await SaveAsync("Einsterne Acme");
        var (_, after) = await client.GetPageAsync(saved.Headers.Location!.OriginalString);

        refused.QuerySelector("#views-error")!.TextContent.Should().Be("Geben Sie der Ansicht einen Namen.");
        refused.QuerySelector("h1")!.TextContent.Should().Be("Gespeicherte Ansichten");
        refused.QuerySelector("#save-description")!.TextContent.Should().Contain("1 Stern");
        var notice = after.QuerySelector("#views-notice")!;
        notice.TextContent.Should().Be("Die Ansicht „Einsterne Acme“ ist gespeichert; nur Sie sehen sie.");
        notice.QuerySelector("[translate=no]")!.TextContent.Should().Be("Einsterne Acme");
    }

    [Fact]
    public async Task Bulk_GermanWithoutAnAction_ThePageModelsRefusalIsGerman()
    {
        using var client = await SignInAsync(DemoUsers.RepTwoBrands, "de");

        var (_, doc) = await client.GetPageAsync("/Brands/Reviews/Bulk?all=true");

        doc.QuerySelector("h1")!.TextContent.Should().Be("Mehrere Rezensionen ändern");
        doc.QuerySelector("#bulk-error")!.TextContent.Should().StartWith("Wählen Sie in der Leiste über den Rezensionen");
    }
}
