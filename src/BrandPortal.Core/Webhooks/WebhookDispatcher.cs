using System.Collections.Concurrent;
using System.Text;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BrandPortal.Core.Webhooks;

/// <summary>
/// Delivers webhook events. Each batch claims due deliveries with <c>FOR UPDATE SKIP LOCKED</c> and moves them out of
/// sight for the lease (next_attempt_at = lease_until), so every instance may run it without two claiming the same
/// row, and the rows of an instance that died come back when the lease ends (at least once: a receiver dedupes by
/// <c>webhook-id</c>). The batch is posted <see cref="WebhookOptions.Concurrency"/> at a time, and its results are
/// written by one statement. Any 2xx is delivered; anything else, a redirect or no answer in time is retried on the
/// schedule of <see cref="WebhookOptions"/> until three days after the event; 410 Gone disables the subscription.
/// </summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, IHttpClientFactory http, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookDispatcher> logger, BrandPortalMetrics? metrics = null)
{
    private WebhookOptions O => options.Value;

    /// <summary>Delivers batches until nothing is due; returns how many deliveries were claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var total = 0;
        int claimed;
        do
        {
            claimed = await DispatchBatchAsync(ct);
            total += claimed;
        }
        while (claimed >= O.BatchSize && !ct.IsCancellationRequested);
        return total;
    }

    /// <summary>Claims and delivers one batch; returns how many deliveries were claimed (0 when nothing is due).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrandPortalDbContext>();
        var claimed = await ClaimAsync(db, ct);
        if (claimed.Count == 0) return 0;
        // A trace per batch that has work (not per poll): its posts and the statement that records them, under one span.
        using var activity = BrandPortalTracing.Source.StartActivity("webhook deliveries");
        activity?.SetTag("brandportal.webhook.deliveries", claimed.Count);
        var client = http.CreateClient(WebhookOptions.HttpClientName);
        var results = new ConcurrentQueue<WebhookAttempt>();
        var gone = new ConcurrentDictionary<long, bool>();
        try
        {
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = O.Concurrency, CancellationToken = ct },
                async (delivery, token) =>
                {
                    // A subscription that answered 410 in this batch gets nothing more, not even the rest of the batch.
                    var attempt = delivery.DisabledAt is not null || gone.ContainsKey(delivery.SubscriptionId)
                        ? WebhookAttempt.NotSent(delivery, "Not sent: the subscription is disabled.")
                        : await WebhookPost.SendAsync(client, delivery, O, clock, token);
                    if (attempt.Gone) gone[delivery.SubscriptionId] = true;
                    results.Enqueue(attempt);
                });
        }
        finally
        {
            // Also on shutdown: what was sent is recorded; the rest comes back when its lease ends.
            await RecordAsync(db, results.ToList(), claimed);
        }
        return claimed.Count;
    }

    private async Task<List<ClaimedDelivery>> ClaimAsync(BrandPortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + O.Lease;
        var batch = O.BatchSize;
        // One statement: lock due rows nobody else holds, push them out of sight for the lease, read what a post needs.
        return await db.Database.SqlQuery<ClaimedDelivery>($"""
            WITH due AS (
                SELECT id FROM webhook_deliveries
                WHERE state = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE webhook_deliveries d SET next_attempt_at = {leaseUntil}, lease_until = {leaseUntil}
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.attempts, d.event_id, d.subscription_id)
            SELECT c.id, c.attempts, c.subscription_id, e.message_id, e.type, e.data::text AS data, e.occurred_at,
                   s.url, s.secret, s.disabled_at
            FROM claimed c
            JOIN webhook_events e ON e.id = c.event_id
            JOIN webhook_subscriptions s ON s.id = c.subscription_id
            """).ToListAsync(ct);
    }

    /// <summary>Writes every attempt of a batch in one transaction; a 410 also disables its subscription and ends its pending deliveries.</summary>
    private async Task RecordAsync(BrandPortalDbContext db, List<WebhookAttempt> attempts, List<ClaimedDelivery> claimed)
    {
        if (attempts.Count == 0) return;
        var now = clock.GetUtcNow();
        var byId = claimed.ToDictionary(c => c.Id);
        var rows = attempts.Select(a =>
        {
            var next = a.Delivered || a.Final ? null : O.NextAttempt(a.AttemptsBefore + (a.Tried ? 1 : 0), now, byId[a.DeliveryId].OccurredAt, Random.Shared.NextDouble());
            var state = a.Delivered ? "Delivered" : a.Final || next is null ? "Failed" : "Pending";
            var answer = state == "Failed" && !a.Final && !a.Delivered ? Clip($"Gave up {O.GiveUpAfter.TotalDays:0.#} days after the event. {a.Answer}") : a.Answer;
            return (a, state, next, answer);
        }).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE webhook_deliveries d SET attempts = d.attempts + u.tried, state = u.state, last_attempt_at = CASE WHEN u.tried = 1 THEN @now ELSE d.last_attempt_at END,
                   last_status_code = COALESCE(u.code, CASE WHEN u.tried = 1 THEN NULL ELSE d.last_status_code END), last_answer = u.answer,
                   delivered_at = CASE WHEN u.state = 'Delivered' THEN @now END,
                   next_attempt_at = COALESCE(u.next, d.next_attempt_at), lease_until = NULL
            FROM unnest(@ids, @tried, @states, @codes, @answers, @nexts) AS u(id, tried, state, code, answer, next)
            WHERE d.id = u.id AND d.state = 'Pending'
            """, [
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("ids", rows.Select(r => r.a.DeliveryId).ToArray()),
                new NpgsqlParameter("tried", rows.Select(r => r.a.Tried ? 1 : 0).ToArray()),
                new NpgsqlParameter("states", rows.Select(r => r.state).ToArray()),
                new NpgsqlParameter("codes", rows.Select(r => r.a.StatusCode).ToArray()),
                new NpgsqlParameter("answers", rows.Select(r => r.answer).ToArray()),
                new NpgsqlParameter("nexts", rows.Select(r => r.next).ToArray()),
            ], CancellationToken.None);
        var gone = attempts.Where(a => a.Gone).Select(a => byId[a.DeliveryId].SubscriptionId).Distinct().ToArray();
        if (gone.Length > 0)
        {
            var reason = $"The endpoint answered 410 Gone on {now:yyyy-MM-dd HH:mm} UTC.";
            // Only the subscriptions this batch disabled (not one another instance disabled first) are audited, once each,
            // in the owner account's log, as when a person disables or enables one.
            var disabled = await db.Database.SqlQuery<DisabledSubscription>($"""
                UPDATE webhook_subscriptions SET disabled_at = {now}, disabled_reason = {reason} WHERE id = ANY({gone}) AND disabled_at IS NULL
                RETURNING public_id, url, seller_account_id
                """).ToListAsync(CancellationToken.None);
            foreach (var d in disabled)
                db.Audit(Actor.System, AuditActions.WebhookDisabled, "WebhookSubscription", d.PublicId, $"enabled: {d.Url}", $"disabled: {reason}", now, d.SellerAccountId);
            await db.SaveChangesAsync(CancellationToken.None);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE webhook_deliveries SET state = 'Failed', lease_until = NULL, last_answer = {"Not sent: " + reason + " The subscription was disabled."}
                WHERE subscription_id = ANY({gone}) AND state = 'Pending'
                """, CancellationToken.None);
            logger.LogWarning("Webhook subscriptions {Ids} answered 410 Gone and were disabled", gone);
        }
        await tx.CommitAsync(CancellationToken.None);
        if (metrics is not null)
            foreach (var r in rows)
                metrics.WebhookAttempted(byId[r.a.DeliveryId].Type,
                    r.state == "Delivered" ? WebhookOutcome.Delivered : r.state == "Pending" ? WebhookOutcome.Retried : WebhookOutcome.Failed);
        var delivered = attempts.Count(a => a.Delivered);
        if (delivered < attempts.Count)
            logger.LogInformation("{Delivered} of {Count} webhook deliveries succeeded; the others are retried or given up", delivered, attempts.Count);
    }

    private sealed record DisabledSubscription(string PublicId, string Url, long? SellerAccountId);

    internal static string Clip(string s) => s.Length > 1000 ? s[..1000] : s;
}

/// <summary>A claimed delivery with what its post needs.</summary>
public sealed class ClaimedDelivery
{
    public long Id { get; init; }
    public int Attempts { get; init; }
    public long SubscriptionId { get; init; }
    public required string MessageId { get; init; }
    public required string Type { get; init; }
    public required string Data { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string Url { get; init; }
    public required string Secret { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>The body posted: <c>{"type","timestamp","data"}</c>, the data as stored.</summary>
    public string Body()
    {
        var sb = new StringBuilder(Data.Length + 100);
        sb.Append("{\"type\":").Append(System.Text.Json.JsonSerializer.Serialize(Type))
          .Append(",\"timestamp\":").Append(System.Text.Json.JsonSerializer.Serialize(OccurredAt.UtcDateTime))
          .Append(",\"data\":").Append(Data).Append('}');
        return sb.ToString();
    }
}
