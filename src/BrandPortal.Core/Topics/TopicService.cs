using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Topics;

/// <summary>
/// The topics panel: for a brand or one of its products and a period, the phrases most over-represented in critical
/// reviews against positive ones (and the reverse), from the aggregates <see cref="TopicIndex"/> keeps — never from
/// the review texts, except the handful of example reviews shown. Only brands the user represents, and only for users
/// who may see Customer Reviews.
/// </summary>
public sealed partial class TopicService(BrandPortalDbContext db, TimeProvider clock)
{
    /// <summary>Reviews that must mention a phrase, in the direction it is ranked for, before it is a topic.</summary>
    public const int MinSupport = 3;

    public const int TopicsPerSide = 10;

    /// <summary>The prior's weight (see <see cref="FightinWords"/>): a tenth of the brand's counts, where exclusive terms score highest.</summary>
    public const double Prior = 0.1;

    public async Task<TopicPanel?> LoadAsync(UserAccess user, long brandId, long? productId, ReviewPeriod period, string? language,
        CancellationToken ct = default)
    {
        if (!user.Represents(brandId) || !user.Can(Permission.CustomerReviews, PermissionLevel.View)) return null;
        if (language is not null && !TopicLanguage.IsKnown(language)) language = null;
        var now = clock.GetUtcNow();
        var (since, _) = (ReviewFilter.Default with { Period = period }).Window(now);
        var from = since is { } s ? new DateOnly(s.Year, s.Month, 1) : new DateOnly(1, 1, 1);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var scope = new Scope(brandId, null, from, language);
            var products = await ProductsAsync(scope, ct);
            if (productId is { } p && products.Any(x => x.Id == p)) scope = scope with { ProductId = p };
            var docs = await DocsAsync(scope, ct);
            var terms = await TermsAsync(scope, ct);
            var titleWords = await TitleWordsAsync(scope, ct);
            var titles = products.Where(x => scope.ProductId is null || x.Id == scope.ProductId).Select(x => x.Title).ToList();

            var scored = Score(scope, terms, docs, titleWords, titles);
            var negative = Pick(scored.Where(t => t.Negative > 0 && t.Counts.Critical >= MinSupport).OrderByDescending(t => t.Negative));
            var positive = Pick(scored.Where(t => t.Positive > 0 && t.Counts.Positive >= MinSupport).OrderByDescending(t => t.Positive));

            var trend = await TrendAsync(scope, negative.Concat(positive).Select(t => t.Counts).ToList(), ct);
            var examples = await ExamplesAsync(scope, negative.Select(t => (t.Counts, true)).Concat(positive.Select(t => (t.Counts, false))).ToList(), ct);
            var displays = await DisplayFormsAsync(examples, ct);

            TopicRow Row(Scored t, int i)
            {
                var c = t.Counts;
                var d = docs.Scope.GetValueOrDefault(c.Language) ?? Docs.Zero;
                var without = d.Total - c.Total;
                return new TopicRow(c.Language, c.Term, displays.GetValueOrDefault(i) ?? c.Term, c.Total, c.Critical,
                    d.Critical == 0 ? 0 : (double)c.Critical / d.Critical,
                    c.Total == 0 ? null : (double)c.StarSum / c.Total,
                    without <= 0 ? null : (double)(d.StarSum - c.StarSum) / without,
                    Math.Max(t.Negative, t.Positive), trend.GetValueOrDefault((c.Language, c.Term)) ?? [], examples.GetValueOrDefault(i)?.Reviews ?? []);
            }
            var all = docs.Scope.Values.Aggregate(Docs.Zero, (a, b) => a + b);
            return new TopicPanel(brandId, scope.ProductId, language, from, all.Total, all.Critical,
                negative.Select((t, i) => Row(t, i)).ToList(), positive.Select((t, i) => Row(t, negative.Count + i)).ToList(), products);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A term's scores: how strongly it marks critical reviews (<see cref="Negative"/>) or positive ones; 0 when it does not.</summary>
    private sealed record Scored(TermCounts Counts, double Negative, double Positive);

    /// <summary>
    /// A brand's topics rank by Fightin' Words between its critical and its positive reviews. A product's must also set
    /// it apart from the brand: what every product's critical reviews say ("stopped working") is the brand's topic, not
    /// the product's. So a product's term must lean to one side within the product (z above 0) and ranks by Fightin'
    /// Words between the product's reviews of that side and the other products' reviews of the same side.
    /// </summary>
    private static List<Scored> Score(Scope scope, List<TermCounts> terms, DocTotals docs, HashSet<(string, string)> titleWords, List<string> titles)
    {
        var result = new List<Scored>(terms.Count);
        foreach (var t in terms)
        {
            if (IsTitleTerm(t, titleWords, titles)) continue;
            var d = docs.Scope.GetValueOrDefault(t.Language) ?? Docs.Zero;
            var b = docs.Background.GetValueOrDefault(t.Language) ?? Docs.Zero;
            var band = FightinWords.Z(t.Critical, t.Positive, d.Critical, d.Positive, t.Background, b.Total, Prior);
            if (scope.ProductId is null)
            {
                result.Add(new Scored(t, Math.Max(band, 0), Math.Max(-band, 0)));
                continue;
            }
            var critical = band > 0
                ? FightinWords.Z(t.Critical, t.BackgroundCritical - t.Critical, d.Critical, b.Critical - d.Critical, t.BackgroundCritical, b.Critical, Prior) : 0;
            var positive = band < 0
                ? FightinWords.Z(t.Positive, t.BackgroundPositive - t.Positive, d.Positive, b.Positive - d.Positive, t.BackgroundPositive, b.Positive, Prior) : 0;
            result.Add(new Scored(t, Math.Max(critical, 0), Math.Max(positive, 0)));
        }
        return result;
    }

    /// <summary>Product-title words say which product a review is about, not what is wrong with it.</summary>
    private static bool IsTitleTerm(TermCounts t, HashSet<(string, string)> titleWords, List<string> titles) =>
        t.Language == "ja"
            ? titles.Any(title => title.Contains(t.Term, StringComparison.Ordinal))
            : t.Term.Split(' ').Any(w => titleWords.Contains((t.Language, w)));

    /// <summary>
    /// The best <see cref="TopicsPerSide"/>, a phrase left out when a better-ranked one of the same language contains it
    /// or is contained in it ("lid leak" and "leak" are one topic). Of phrases with equal scores — the words of one
    /// sentence said together — the two-word phrase wins, then the three-word one, then the single word.
    /// </summary>
    private static List<Scored> Pick(IOrderedEnumerable<Scored> ranked)
    {
        var chosen = new List<Scored>();
        foreach (var t in ranked.ThenBy(t => TieRank(t.Counts.Term)).ThenBy(t => t.Counts.Term, StringComparer.Ordinal))
        {
            if (chosen.Any(c => c.Counts.Language == t.Counts.Language && Overlaps(c.Counts.Term, t.Counts.Term))) continue;
            chosen.Add(t);
            if (chosen.Count == TopicsPerSide) break;
        }
        return chosen;
    }

    private static int TieRank(string term) => term.Count(c => c == ' ') switch { 1 => 0, 2 => 1, _ => 2 };

    private static bool Overlaps(string a, string b) => JapaneseTerms.IsJapanese(a)
        ? a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal)
        : ContainsWords(a, b) || ContainsWords(b, a);

    private static bool ContainsWords(string longer, string shorter) => $" {longer} ".Contains($" {shorter} ", StringComparison.Ordinal);
}
