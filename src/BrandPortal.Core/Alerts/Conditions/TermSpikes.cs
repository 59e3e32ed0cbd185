using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Alerts.Conditions;

/// <summary>
/// Where the topic spike rule gets its terms. Today <see cref="LexemeTermSpikes"/> reads the critical reviews'
/// text-search lexemes; once phrase statistics per (product, month) are kept, an implementation over them can take
/// its place without changing the rule.
/// </summary>
public interface ITermSpikeSource
{
    /// <summary>
    /// Terms in at least <see cref="ConditionThresholds.SpikeReviews"/> critical reviews of one product written in
    /// [now − 7 days, now) and in no critical review of that product in the 30 days before.
    /// </summary>
    Task<IReadOnlyList<TermSpike>> FindAsync(DateTimeOffset now, CancellationToken ct = default);
}

/// <summary>
/// Terms are PostgreSQL text-search lexemes of a review's title and text, in the configuration of its language (its
/// order's marketplace: DE german, FR french, ES spanish, JP simple, otherwise english), so stop words are dropped and
/// words are stemmed ("leaks", "leaking" → "leak"). Japanese has no stemmer or stop words in PostgreSQL: "simple" keeps
/// runs of characters whole. Each review counts once per term. Only products with enough recent critical reviews are
/// read at all, so a run reads the text of few reviews.
/// </summary>
public sealed class LexemeTermSpikes(BrandPortalDbContext db) : ITermSpikeSource
{
    public async Task<IReadOnlyList<TermSpike>> FindAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var spikeFrom = now - ConditionThresholds.SpikeWindow;
        var quietFrom = spikeFrom - ConditionThresholds.QuietWindow;
        var critical = ConditionThresholds.CriticalAtMost;
        var least = ConditionThresholds.SpikeReviews;
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH candidates AS (
                SELECT product_id FROM reviews
                WHERE rating <= {critical} AND created_at >= {spikeFrom} AND created_at < {now}
                GROUP BY product_id HAVING count(*) >= {least}),
            critical AS (
                SELECT r.product_id, r.brand_id, r.created_at >= {spikeFrom} AS recent,
                       to_tsvector(CASE o.marketplace WHEN 'DE' THEN 'german' WHEN 'FR' THEN 'french' WHEN 'ES' THEN 'spanish'
                                                      WHEN 'JP' THEN 'simple' ELSE 'english' END::regconfig,
                                   r.title || ' ' || r.body) AS doc
                FROM reviews r
                LEFT JOIN orders o ON o.id = r.order_id
                WHERE r.product_id IN (SELECT product_id FROM candidates)
                  AND r.rating <= {critical} AND r.created_at >= {quietFrom} AND r.created_at < {now}),
            terms AS (
                SELECT c.product_id, c.brand_id, t.lexeme,
                       count(*) FILTER (WHERE c.recent) AS recent_reviews, count(*) FILTER (WHERE NOT c.recent) AS earlier_reviews
                FROM critical c CROSS JOIN LATERAL unnest(c.doc) AS t
                WHERE length(t.lexeme) >= 3 AND t.lexeme !~ '^[0-9.,]+$'
                GROUP BY c.product_id, c.brand_id, t.lexeme)
            SELECT product_id, brand_id, lexeme AS term, recent_reviews::int AS reviews
            FROM terms
            WHERE recent_reviews >= {least} AND earlier_reviews = 0
            ORDER BY product_id, recent_reviews DESC, lexeme
            """).ToListAsync(ct);
        return rows.Select(r => new TermSpike(r.ProductId, r.BrandId, r.Term, r.Reviews)).ToList();
    }

    private sealed record Row(long ProductId, long BrandId, string Term, int Reviews);
}
