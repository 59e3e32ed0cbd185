using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Alerts.Conditions;

/// <summary>
/// The three rules, each evaluated over every brand (and product, and conversation) at once and answered per seller
/// account: a brand's rating and topics concern every account associated with it, each on its own; a conversation
/// concerns only the account whose user started it (as on the Messages page).
/// </summary>
public sealed class ConditionFinder(BrandPortalDbContext db, ITermSpikeSource terms)
{
    public async Task<List<MetCondition>> FindAsync(DateTimeOffset now, CancellationToken ct = default) =>
    [
        .. await RatingDropsAsync(now, ct),
        .. await TopicSpikesAsync(now, ct),
        .. await ResponsesDueAsync(now, ct),
    ];

    /// <summary>
    /// Brands whose average rating of [now − 30 days, now) is at least 0.3★ below that of the 90 days before, with at
    /// least 20 reviews in each of the two windows (<see cref="RatingDropFacts.Met"/>).
    /// </summary>
    public async Task<List<MetCondition>> RatingDropsAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var recentFrom = now - ConditionThresholds.RecentWindow;
        var priorFrom = recentFrom - ConditionThresholds.PriorWindow;
        var least = ConditionThresholds.MinReviewsPerWindow;
        var rows = await db.Database.SqlQuery<WindowRow>($"""
            WITH w AS (
                SELECT brand_id,
                       count(*) FILTER (WHERE created_at >= {recentFrom}) AS recent_reviews,
                       coalesce(sum(rating) FILTER (WHERE created_at >= {recentFrom}), 0)::bigint AS recent_sum,
                       count(*) FILTER (WHERE created_at < {recentFrom}) AS prior_reviews,
                       coalesce(sum(rating) FILTER (WHERE created_at < {recentFrom}), 0)::bigint AS prior_sum
                FROM reviews
                WHERE created_at >= {priorFrom} AND created_at < {now}
                GROUP BY brand_id)
            SELECT bs.seller_account_id, w.brand_id, w.recent_reviews, w.recent_sum, w.prior_reviews, w.prior_sum
            FROM w JOIN brand_sellers bs ON bs.brand_id = w.brand_id
            WHERE w.recent_reviews >= {least} AND w.prior_reviews >= {least}
            ORDER BY w.brand_id, bs.seller_account_id
            """).ToListAsync(ct);
        return rows.Where(r => RatingDropFacts.Met(r.RecentReviews, r.RecentSum, r.PriorReviews, r.PriorSum))
            .Select(r => new MetCondition(ConditionRule.RatingDrop, r.SellerAccountId, r.BrandId, $"brand:{r.BrandId}",
                new RatingDropFacts(r.RecentReviews, r.RecentSum, r.PriorReviews, r.PriorSum, recentFrom, priorFrom)))
            .ToList();
    }

    /// <summary>Per product and term from <see cref="ITermSpikeSource"/>, once for each account associated with the brand.</summary>
    public async Task<List<MetCondition>> TopicSpikesAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var spikes = await terms.FindAsync(now, ct);
        if (spikes.Count == 0) return [];
        var brandIds = spikes.Select(s => s.BrandId).Distinct().ToArray();
        var accounts = (await db.BrandSellers.AsNoTracking().Where(s => brandIds.Contains(s.BrandId))
                .Select(s => new { s.BrandId, s.SellerAccountId }).ToListAsync(ct))
            .ToLookup(s => s.BrandId, s => s.SellerAccountId);
        var since = now - ConditionThresholds.SpikeWindow;
        return spikes.SelectMany(s => accounts[s.BrandId].Order().Select(account => new MetCondition(ConditionRule.TopicSpike, account, s.BrandId,
                $"product:{s.ProductId}:{s.Term}", new TopicSpikeFacts(s.Term, s.Reviews, since), ProductId: s.ProductId)))
            .ToList();
    }

    /// <summary>
    /// Conversations whose customer has waited at least 20 and less than 24 hours for the brand's answer: the thread's
    /// response_needed_since, which the Messages page, the response-time report and thread.overdue read too (an
    /// answer or *No response needed* clears it). Past 24 hours the conversation is overdue (thread.overdue), no longer due.
    /// </summary>
    public async Task<List<MetCondition>> ResponsesDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var dueFrom = now - ConditionThresholds.AnswerWithin;
        var dueUntil = now - ConditionThresholds.ResponseDueAfter;
        var rows = await db.Threads.AsNoTracking()
            .Where(t => t.ResponseNeededSince != null && t.ResponseNeededSince > dueFrom && t.ResponseNeededSince <= dueUntil)
            .Select(t => new
            {
                t.Id, t.BrandId, t.ContactId, Since = t.ResponseNeededSince!.Value,
                Account = db.Contacts.Where(c => c.Id == t.ContactId)
                    .Select(c => db.Users.Where(u => u.Id == c.SentByUserId).Select(u => u.SellerAccountId).First()).First(),
            })
            .OrderBy(t => t.Id)
            .ToListAsync(ct);
        return rows.Where(r => r.Account is not null)
            .Select(r => new MetCondition(ConditionRule.ResponseDue, r.Account!.Value, r.BrandId, $"thread:{r.Id}:{r.Since.UtcTicks}",
                new ResponseDueFacts(r.Since, r.Since + ConditionThresholds.AnswerWithin), ThreadId: r.Id, ContactId: r.ContactId))
            .ToList();
    }

    private sealed record WindowRow(long SellerAccountId, long BrandId, long RecentReviews, long RecentSum, long PriorReviews, long PriorSum);
}
