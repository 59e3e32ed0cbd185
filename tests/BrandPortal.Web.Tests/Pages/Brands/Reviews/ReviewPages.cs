using AngleSharp.Dom;
using FluentAssertions;
using AngleSharp.Html.Dom;
using BrandPortal.Core.Data;
using BrandPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>Reading the Customer Reviews page the way a user sees it.</summary>
internal static class ReviewPages
{
    public static IReadOnlyList<IElement> Cards(IHtmlDocument doc) => doc.QuerySelectorAll("article.review-card").ToList();

    public static long Id(IElement card) => long.Parse(card.GetAttribute("data-review-id")!, System.Globalization.CultureInfo.InvariantCulture);

    public static int Stars(IElement card)
        => int.Parse(card.QuerySelector(".review-stars")!.GetAttribute("aria-label")!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    public static string Brand(IElement card) => card.QuerySelector(".badge-brand")!.TextContent.Trim();

    public static IReadOnlyList<string> Messages(IHtmlDocument doc)
        => doc.QuerySelectorAll("#filter-messages li").Select(li => li.TextContent.Trim()).ToList();

    public static IReadOnlyList<string> UnmetRules(IElement card)
        => card.QuerySelectorAll(".reasons li").Select(li => li.GetAttribute("data-rule")!).ToList();

    public static async Task<long> BrandIdAsync(BrandPortalDbContext db, string name) => await db.Brands.Where(b => b.Name == name).Select(b => b.Id).SingleAsync();

    /// <summary>Every review id the page lists for a query, following the Next links to the end.</summary>
    public static async Task<List<long>> AllIdsAsync(PortalClient client, string url)
    {
        var ids = new List<long>();
        for (var pages = 0; url is not null && pages < 100; pages++)
        {
            var (_, doc) = await client.GetPageAsync(url);
            var cards = Cards(doc);
            cards.Count.Should().BeLessThanOrEqualTo(25);
            ids.AddRange(cards.Select(Id));
            url = doc.QuerySelector("#next-page")?.GetAttribute("href")!;
            if (url is not null) cards.Count.Should().Be(25, "only the last page is short");
        }
        return ids;
    }

    /// <summary>The card of one review, found through a filter narrowed to its brand, rating and day.</summary>
    public static async Task<IElement?> CardAsync(PortalClient client, BrandPortalDbContext db, long reviewId)
    {
        var r = await db.Reviews.AsNoTracking().Where(x => x.Id == reviewId).Select(x => new { x.BrandId, x.Rating, x.CreatedAt }).SingleAsync();
        var day = r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string? url = $"/Brands/Reviews?stars={r.Rating}&brand={r.BrandId}&from={day}&to={day}";
        for (var pages = 0; url is not null && pages < 20; pages++)
        {
            var (_, doc) = await client.GetPageAsync(url);
            if (doc.QuerySelector($"article[data-review-id='{reviewId}']") is { } card) return card;
            url = doc.QuerySelector("#next-page")?.GetAttribute("href");
        }
        return null;
    }
}
