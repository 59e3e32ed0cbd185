using System.Diagnostics.Metrics;
using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BrandPortal.Core.Telemetry;

/// <summary>How many rows of a queue wait, and for how long the oldest has waited.</summary>
public sealed record QueueDepth(long Count, TimeSpan OldestAge);

/// <summary>Both outboxes at one moment; a queue is null when it could not be read (its gauges then report nothing).</summary>
public sealed record QueueSnapshot(QueueDepth? Emails, QueueDepth? Webhooks, DateTimeOffset ReadAt);

/// <summary>
/// The depth of the email outbox and the webhook outbox, for the queue gauges. Read with one statement that walks only
/// the waiting rows (the partial indexes on state = 'Queued' / 'Pending'), and kept for <see cref="MaxAge"/>: however
/// many scrapers ask, and however often, the database sees at most one such statement per interval. Gauge callbacks are
/// synchronous, so the read is too; concurrent scrapes wait for the one read in progress instead of starting their own.
/// </summary>
public sealed class QueueDepths(IServiceScopeFactory scopes, TimeProvider clock, ILogger<QueueDepths> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>A scrape must not hang on a database that does not answer.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(3);

    private readonly Lock _reading = new();
    private volatile QueueSnapshot? _last;

    public QueueSnapshot Read()
    {
        if (Fresh(_last) is { } last) return last;
        lock (_reading)
        {
            if (Fresh(_last) is { } other) return other;
            return _last = Load();
        }
    }

    private QueueSnapshot? Fresh(QueueSnapshot? s) => s is not null && clock.GetUtcNow() - s.ReadAt < MaxAge ? s : null;

    private QueueSnapshot Load()
    {
        var now = clock.GetUtcNow();
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BrandPortalDbContext>();
            var previous = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(ReadTimeout);
            try
            {
                var row = db.Database.SqlQuery<QueueRow>($"""
                    SELECT e.n AS emails_queued, e.oldest AS oldest_email, w.n AS webhooks_pending, w.oldest AS oldest_webhook
                    FROM (SELECT count(*) AS n, min(created_at) AS oldest FROM outbox_emails WHERE state = 'Queued') e,
                         (SELECT count(*) AS n, min(created_at) AS oldest FROM webhook_deliveries WHERE state = 'Pending') w
                    """).ToList()[0];
                return new QueueSnapshot(new QueueDepth(row.EmailsQueued, Age(row.OldestEmail, now)),
                    new QueueDepth(row.WebhooksPending, Age(row.OldestWebhook, now)), now);
            }
            finally
            {
                db.Database.SetCommandTimeout(previous);
            }
        }
        catch (Exception ex)
        {
            // Kept like a reading, so that a database that is away is asked again after MaxAge, not on every scrape.
            logger.LogWarning("The queue gauges could not read the outboxes ({Error}); they report nothing until the next read", ex.Message);
            return new QueueSnapshot(null, null, now);
        }
    }

    /// <summary>How long the oldest waiting row has waited; never negative (a row written by a clock a little ahead).</summary>
    private static TimeSpan Age(DateTimeOffset? oldest, DateTimeOffset now)
        => oldest is { } at && now > at ? now - at : TimeSpan.Zero;

    private sealed class QueueRow
    {
        public long EmailsQueued { get; init; }
        public DateTimeOffset? OldestEmail { get; init; }
        public long WebhooksPending { get; init; }
        public DateTimeOffset? OldestWebhook { get; init; }
    }
}

public static class QueueDepthMeasurements
{
    /// <summary>One measurement of the queue, or none when it could not be read.</summary>
    public static IEnumerable<Measurement<T>> Measure<T>(this QueueDepth? queue, Func<QueueDepth, T> value) where T : struct
        => queue is null ? [] : [new Measurement<T>(value(queue))];
}
