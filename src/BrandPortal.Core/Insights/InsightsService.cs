using BrandPortal.Core.Data.Replicas;
using System.Runtime.CompilerServices;
using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Insights;

public sealed record RatingCount(int Rating, long Count);

public sealed record MonthPoint(DateOnly Month, long Reviews, long Critical, double? AverageRating);

public sealed record ReasonOutcome(
    string Reason, long Sent, long Read, long Replied, long RefundsAccepted,
    IReadOnlyList<MoneyTotal> RefundTotals, double? MedianHoursToFirstAnswer, IReadOnlyList<RatingChange> RatingChanges)
{
    public double? ReadRate => Sent == 0 ? null : (double)Read / Sent;
    public double? ReplyRate => Sent == 0 ? null : (double)Replied / Sent;
    /// <summary>Contacted reviews whose rating now differs from their rating when the contact was sent.</summary>
    public long RatingChanged => RatingChanges.Sum(c => c.Count);
    public long RatingImproved => RatingChanges.Where(c => c.Improved).Sum(c => c.Count);
    public long RatingWorse => RatingChanges.Where(c => !c.Improved).Sum(c => c.Count);
}

/// <summary><see cref="Count"/> contacted reviews went from <see cref="From"/> stars when contacted to <see cref="To"/> stars now.</summary>
public sealed record RatingChange(int From, int To, long Count)
{
    public bool Improved => To > From;
}

public sealed record MoneyTotal(string Currency, decimal Amount);

public sealed record BrandInsights(
    IReadOnlyList<RatingCount> Distribution,
    long TotalReviews,
    double? AverageRating,
    long CriticalReviews,
    IReadOnlyList<MonthPoint> Months,
    IReadOnlyList<ReasonOutcome> Outcomes);

/// <summary>
/// The brand dashboard's numbers, computed by SQL aggregates over the brands the user represents: each figure is
/// one statement that walks the review indexes, never rows in memory.
/// </summary>
public sealed class InsightsService(ReadDb read)
{
    /// <summary>Stale-tolerant: the dashboard reads a standby when one is configured.</summary>
    private BrandPortalDbContext db => read.Context;

    public async Task<BrandInsights> ForAsync(UserAccess user, IReadOnlyCollection<long> brandIds, DateTimeOffset? from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        var ids = brandIds.Where(user.Represents).Distinct().ToArray();
        if (ids.Length == 0) return new BrandInsights([], 0, null, 0, [], []);
        var since = from ?? DateTimeOffset.UnixEpoch;

        var distribution = await db.Database.SqlQuery<RatingRow>($"""
            SELECT rating::int AS rating, count(*) AS count
            FROM reviews WHERE brand_id = ANY({ids}) AND created_at >= {since} AND created_at < {to}
            GROUP BY rating
            """).ToListAsync(ct);
        var counts = Enumerable.Range(1, 5)
            .Select(r => new RatingCount(r, distribution.FirstOrDefault(d => d.Rating == r)?.Count ?? 0)).ToList();
        var total = counts.Sum(c => c.Count);
        double? average = total == 0 ? null : counts.Sum(c => (double)c.Rating * c.Count) / total;

        var months = await db.Database.SqlQuery<MonthRow>($"""
            SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month,
                   count(*) AS reviews,
                   count(*) FILTER (WHERE rating <= 3) AS critical,
                   avg(rating)::float8 AS average
            FROM reviews WHERE brand_id = ANY({ids}) AND created_at >= {since} AND created_at < {to}
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(ct);

        // Contacts are a seller account's: on a brand several accounts sell, each counts only the contacts its users sent.
        var seller = user.SellerAccountId ?? -1;
        // The meaning of "replied" is SQL text, not a value: it goes into the statement, the figures stay parameters.
        var replied = CustomerReply.Sql("c");
        var outcomes = await db.Database.SqlQuery<OutcomeRow>(FormattableStringFactory.Create($$"""
            SELECT c.reason AS reason,
                   count(*) AS sent,
                   count(c.read_at) AS read,
                   count(*) FILTER (WHERE {{replied}}) AS replied,
                   count(rf.id) FILTER (WHERE rf.state = 'Accepted') AS refunds_accepted,
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (fb.first_brand - fc.first_customer)) / 3600.0)
                    FROM contacts c2
                    JOIN threads t2 ON t2.contact_id = c2.id
                    CROSS JOIN LATERAL (SELECT min(sent_at) AS first_customer FROM thread_messages WHERE thread_id = t2.id AND sender = 'Customer') fc
                    CROSS JOIN LATERAL (SELECT min(sent_at) AS first_brand FROM thread_messages WHERE thread_id = t2.id AND sender = 'Brand' AND sent_at >= fc.first_customer) fb
                    WHERE c2.reason = c.reason AND c2.brand_id = ANY({0}) AND c2.sent_at >= {1} AND c2.sent_at < {2}
                      AND EXISTS (SELECT 1 FROM users su2 WHERE su2.id = c2.sent_by_user_id AND su2.seller_account_id = {3})
                      AND fb.first_brand IS NOT NULL) AS median_hours
            FROM contacts c JOIN users su ON su.id = c.sent_by_user_id LEFT JOIN refunds rf ON rf.contact_id = c.id
            WHERE c.brand_id = ANY({0}) AND c.sent_at >= {1} AND c.sent_at < {2} AND su.seller_account_id = {3}
            GROUP BY c.reason
            """, ids, since, to, seller)).ToListAsync(ct);

        var refundTotals = await db.Database.SqlQuery<MoneyRow>($"""
            SELECT rf.currency AS currency, sum(rf.amount) AS amount
            FROM refunds rf JOIN contacts c ON c.id = rf.contact_id JOIN users su ON su.id = c.sent_by_user_id
            WHERE rf.state = 'Accepted' AND c.brand_id = ANY({ids}) AND c.sent_at >= {since} AND c.sent_at < {to} AND su.seller_account_id = {seller}
            GROUP BY rf.currency ORDER BY rf.currency
            """).ToListAsync(ct);

        var changes = await RatingChangesAfterContactAsync(user, ids, since, to, ct);

        var reasons = new[] { "CourtesyRefund", "CustomerSupport" }.Select(reason =>
        {
            var row = outcomes.FirstOrDefault(o => o.Reason == reason);
            return new ReasonOutcome(reason, row?.Sent ?? 0, row?.Read ?? 0, row?.Replied ?? 0, row?.RefundsAccepted ?? 0,
                reason == "CourtesyRefund" ? refundTotals.Select(t => new MoneyTotal(t.Currency.Trim(), t.Amount)).ToList() : [],
                row?.MedianHours,
                changes.Where(c => c.Reason == reason).Select(c => new RatingChange(c.FromRating, c.ToRating, c.Count)).ToList());
        }).ToList();

        return new BrandInsights(counts, total, average, counts.Where(c => c.Rating <= 3).Sum(c => c.Count),
            months.Select(m => new MonthPoint(DateOnly.FromDateTime(m.Month), m.Reviews, m.Critical, m.Average)).ToList(),
            reasons);
    }

    /// <summary>
    /// Contacts of the user's seller account (sent in the period) whose review has another rating now than when the
    /// contact was sent. The rating then is the one of the version in force at the contact: the earliest
    /// <c>review_versions</c> row replaced after it (a row keeps what the review said before a change); without one, the
    /// review has not changed since and is not counted. A rating that changed and came back is not a change.
    /// </summary>
    private async Task<List<ChangeRow>> RatingChangesAfterContactAsync(UserAccess user, long[] ids, DateTimeOffset since, DateTimeOffset to,
        CancellationToken ct)
    {
        if (user.SellerAccountId is not { } sellerId) return [];
        return await db.Database.SqlQuery<ChangeRow>($"""
            SELECT c.reason AS reason, at_contact.rating::int AS from_rating, r.rating::int AS to_rating, count(*) AS count
            FROM contacts c
            JOIN users su ON su.id = c.sent_by_user_id
            JOIN reviews r ON r.id = c.review_id
            CROSS JOIN LATERAL (SELECT v.rating FROM review_versions v
                                WHERE v.review_id = c.review_id AND v.replaced_at > c.sent_at
                                ORDER BY v.replaced_at, v.id LIMIT 1) at_contact
            WHERE c.brand_id = ANY({ids}) AND su.seller_account_id = {sellerId} AND c.sent_at >= {since} AND c.sent_at < {to}
              AND at_contact.rating <> r.rating
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """).ToListAsync(ct);
    }

    private sealed record ChangeRow(string Reason, int FromRating, int ToRating, long Count);
    private sealed record RatingRow(int Rating, long Count);
    private sealed record MonthRow(DateTime Month, long Reviews, long Critical, double? Average);
    private sealed record OutcomeRow(string Reason, long Sent, long Read, long Replied, long RefundsAccepted, double? MedianHours);
    private sealed record MoneyRow(string Currency, decimal Amount);
}
