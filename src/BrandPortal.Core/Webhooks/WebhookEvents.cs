using System.Text.Json;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Webhooks;

/// <summary>The event types a subscription may ask for (docs/PRODUCT.md, webhooks).</summary>
public static class WebhookEventTypes
{
    public const string ReviewCriticalCreated = "review.critical_created";
    public const string ContactSent = "contact.sent";
    public const string ContactDeliveryFailed = "contact.delivery_failed";
    public const string CustomerReplied = "customer.replied";
    public const string CustomerDeclined = "customer.declined";
    public const string RefundAccepted = "refund.accepted";
    public const string CustomerBlockedBrand = "customer.blocked_brand";
    public const string ThreadOverdue = "thread.overdue";
    /// <summary>Condition alerts (Core/Alerts/Conditions): each is one account's, heard by that account only.</summary>
    public const string AlertRatingDrop = "alert.rating_drop";
    public const string AlertTopicSpike = "alert.topic_spike";
    public const string AlertResponseDue = "alert.response_due";

    public static IReadOnlyList<string> All { get; } =
    [
        ReviewCriticalCreated, ContactSent, ContactDeliveryFailed, CustomerReplied, CustomerDeclined, RefundAccepted, CustomerBlockedBrand, ThreadOverdue,
        AlertRatingDrop, AlertTopicSpike, AlertResponseDue,
    ];
}

/// <summary>One event to write: its type, whose it is, what it concerns, and its <c>data</c> object.</summary>
public sealed record PendingWebhookEvent(string Type, long? SellerAccountId, object Data, long? ContactId = null, long? ReviewId = null)
{
    /// <summary>
    /// The accounts whose subscriptions hear the event when it concerns several (a review of a brand that several
    /// accounts are associated with); null means the one account <see cref="SellerAccountId"/>.
    /// </summary>
    public IReadOnlyCollection<long>? HeardBy { get; init; }

    internal IEnumerable<long> Accounts => HeardBy ?? (SellerAccountId is { } id ? [id] : []);
}

/// <summary>
/// Writes events into the webhook outbox. <see cref="AddManyAsync"/> only adds rows to the caller's context: the caller's
/// <c>SaveChanges</c>, inside the transaction of what caused the event, stores them with it, so an event exists if and
/// only if its cause was committed. <see cref="CopyManyAsync"/> writes a large batch at once, inside the caller's open
/// transaction. Each event gets one delivery per subscription that hears it at that moment.
/// </summary>
public static partial class WebhookEventWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task AddAsync(BrandPortalDbContext db, PendingWebhookEvent pending, CancellationToken ct = default) =>
        AddManyAsync(db, [pending], ct);

    public static async Task AddManyAsync(BrandPortalDbContext db, IReadOnlyCollection<PendingWebhookEvent> pending, CancellationToken ct = default)
    {
        foreach (var (e, subscriptionIds) in await PlanAsync(db, pending, ct))
        {
            db.WebhookEvents.Add(e);
            foreach (var subscriptionId in subscriptionIds)
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Event = e, SubscriptionId = subscriptionId, State = WebhookDeliveryState.Pending, CreatedAt = e.OccurredAt, NextAttemptAt = e.OccurredAt,
                });
        }
    }

    /// <summary>
    /// The rows to write, the same for both ways of writing them: each event (without its id) with the live
    /// subscriptions that hear it, read in one statement for the whole batch.
    /// </summary>
    private static async Task<List<(WebhookEvent Event, List<long> SubscriptionIds)>> PlanAsync(BrandPortalDbContext db,
        IReadOnlyCollection<PendingWebhookEvent> pending, CancellationToken ct)
    {
        if (pending.Count == 0) return [];
        var types = pending.Select(p => p.Type).Distinct().ToArray();
        var unknown = types.Except(WebhookEventTypes.All).ToArray();
        if (unknown.Length > 0) throw new ArgumentException($"Unknown webhook event type {unknown[0]}.", nameof(pending));
        var accounts = pending.SelectMany(p => p.Accounts).Distinct().ToArray();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.DisabledAt == null && s.Events.Any(e => types.Contains(e))
                        && (s.Kind == ApiKeyKind.Platform || (s.SellerAccountId != null && accounts.Contains(s.SellerAccountId.Value))))
            .Select(s => new { s.Id, s.Kind, s.SellerAccountId, s.Events })
            .ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return pending.Select(p => (
            new WebhookEvent
            {
                MessageId = NewMessageId(), Type = p.Type, SellerAccountId = p.SellerAccountId, ContactId = p.ContactId, ReviewId = p.ReviewId,
                Data = JsonSerializer.Serialize(p.Data, Json), OccurredAt = now,
            },
            subscriptions
                .Where(s => s.Events.Contains(p.Type) && (s.Kind == ApiKeyKind.Platform || p.Accounts.Contains(s.SellerAccountId!.Value)))
                .Select(s => s.Id).ToList())).ToList();
    }

    /// <summary>The <c>webhook-id</c>: <c>msg_</c> and a time-ordered GUID, unique and stable across retries.</summary>
    public static string NewMessageId() => "msg_" + Guid.CreateVersion7().ToString("N");
}
