using BrandPortal.Core.Data.Replicas;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Messaging;

/// <summary>
/// One brand over one period: how the brand's customer messages were answered (docs/PRODUCT.md#response-time).
/// <see cref="Needed"/> = <see cref="WithinDay"/> + <see cref="Late"/> + <see cref="Open"/>; the percentages are of the
/// messages already decided (answered, or unanswered past 24 hours), so a message still inside its 24 hours does not
/// count against the brand yet.
/// </summary>
public sealed record ResponseTimeFigures(
    long BrandId, string BrandName, int Days, int Needed, int WithinDay, int Late, int Open, int NoResponseNeeded,
    TimeSpan? Average, TimeSpan? Median)
{
    public int Decided => WithinDay + Late;
    public double? WithinDayPercent => Decided == 0 ? null : 100.0 * WithinDay / Decided;
    public double? LatePercent => Decided == 0 ? null : 100.0 * Late / Decided;
}

public sealed record ResponseTimeReportView(IReadOnlyList<ResponseTimeFigures> Rows, DateTimeOffset At)
{
    public static IReadOnlyList<int> Periods { get; } = [7, 30, 90];
}

/// <summary>
/// The response-time report at /Brands/Messages/Report: per brand the user represents and per period (7, 30, 90 days),
/// computed by PostgreSQL in one statement over the user's own seller account's threads, never by loading messages.
/// </summary>
public sealed class ResponseTimeReport(ReadDb read, TimeProvider clock)
{
    /// <summary>Stale-tolerant: the report reads a standby when one is configured.</summary>
    private BrandPortalDbContext db => read.Context;

    public async Task<ResponseTimeReportView> LoadAsync(UserAccess user, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (!user.SeesMessages || user.SellerAccountId is not { } sellerId) return new ResponseTimeReportView([], now);
        var brands = user.RepresentedBrands.Select(b => b.BrandId).ToArray();
        var since = now.AddDays(-ResponseTimeReportView.Periods.Max());
        // A customer message's timer stops at the brand's first message after it on the thread, or at its own
        // *No response needed* mark, whichever came first (LEAST skips the missing one). Only threads that this seller
        // account started count, as on the Messages page: another account representing the brand never adds to them.
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH periods(days) AS (VALUES (7), (30), (90)),
            asked AS (
                SELECT t.brand_id, m.sent_at, m.no_response_needed_at,
                       LEAST(m.no_response_needed_at,
                             (SELECT min(r.sent_at) FROM thread_messages r
                              WHERE r.thread_id = m.thread_id AND r.sender = 'Brand' AND (r.sent_at, r.id) > (m.sent_at, m.id))) AS stopped_at
                FROM thread_messages m
                JOIN threads t ON t.id = m.thread_id
                WHERE m.sender = 'Customer' AND t.brand_id = ANY({brands}) AND m.sent_at >= {since} AND m.sent_at <= {now}
                  AND EXISTS (SELECT 1 FROM contacts c JOIN users u ON u.id = c.sent_by_user_id
                              WHERE c.id = t.contact_id AND u.seller_account_id = {sellerId}))
            SELECT b.id AS brand_id, b.name AS brand_name, p.days AS days,
                   count(a.sent_at)::int AS needed,
                   (count(*) FILTER (WHERE a.stopped_at <= a.sent_at + interval '24 hours'))::int AS within_day,
                   (count(*) FILTER (WHERE a.stopped_at > a.sent_at + interval '24 hours'
                                        OR (a.stopped_at IS NULL AND a.sent_at + interval '24 hours' < {now})))::int AS late,
                   (count(*) FILTER (WHERE a.stopped_at IS NULL AND a.sent_at + interval '24 hours' >= {now}))::int AS open,
                   (count(*) FILTER (WHERE a.no_response_needed_at IS NOT NULL AND a.stopped_at = a.no_response_needed_at))::int AS no_response_needed,
                   avg(extract(epoch FROM a.stopped_at - a.sent_at))::double precision AS average_seconds,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.stopped_at - a.sent_at)) AS median_seconds
            FROM brands b
            CROSS JOIN periods p
            LEFT JOIN asked a ON a.brand_id = b.id AND a.sent_at >= {now} - make_interval(days => p.days)
            WHERE b.id = ANY({brands})
            GROUP BY b.id, b.name, p.days
            ORDER BY b.name, b.id, p.days
            """).ToListAsync(ct);
        return new ResponseTimeReportView(rows.Select(r => new ResponseTimeFigures(r.BrandId, r.BrandName, r.Days, r.Needed, r.WithinDay, r.Late, r.Open,
            r.NoResponseNeeded, Seconds(r.AverageSeconds), Seconds(r.MedianSeconds))).ToList(), now);
    }

    private static TimeSpan? Seconds(double? s) => s is { } v ? TimeSpan.FromSeconds(Math.Round(v)) : null;

    /// <summary>The statement's row; its columns are the snake_case names of these properties.</summary>
    private sealed class Row
    {
        public long BrandId { get; init; }
        public string BrandName { get; init; } = "";
        public int Days { get; init; }
        public int Needed { get; init; }
        public int WithinDay { get; init; }
        public int Late { get; init; }
        public int Open { get; init; }
        public int NoResponseNeeded { get; init; }
        public double? AverageSeconds { get; init; }
        public double? MedianSeconds { get; init; }
    }
}
