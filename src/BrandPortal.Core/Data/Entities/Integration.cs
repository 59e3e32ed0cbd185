namespace BrandPortal.Core.Data.Entities;

/// <summary>
/// An earlier version of a review: what the customer had written before the review came again (import or API)
/// with another rating, title or body. The review row always holds the current version.
/// </summary>
public sealed class ReviewVersion
{
    public long Id { get; set; }
    public long ReviewId { get; set; }
    public short Rating { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>When this version was first seen (the review's creation, or the change before this one).</summary>
    public DateTimeOffset ValidFrom { get; set; }
    /// <summary>When the next version replaced it.</summary>
    public DateTimeOffset ReplacedAt { get; set; }
}

/// <summary>
/// The first answer to an API POST that carried an <c>Idempotency-Key</c> header, replayed for 24 hours to the same
/// key's repeats of that request. Keys are per API key: two clients may use the same value.
/// </summary>
public sealed class ApiIdempotencyRecord
{
    public long Id { get; set; }
    public long ApiKeyId { get; set; }
    public required string IdempotencyKey { get; set; }
    /// <summary>Method and path the key was first used with; the same key on another request is refused.</summary>
    public required string Request { get; set; }
    /// <summary>SHA-256 of the first request's body; a repeat with another body is refused, not replayed.</summary>
    public required byte[] RequestHash { get; set; }
    public int StatusCode { get; set; }
    public required string ContentType { get; set; }
    public required string ResponseBody { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// Where BrandPortal posts events: an account subscription hears its own account's events, a platform subscription
/// every account's. The secret signs each delivery (Standard Webhooks) and is shown once, when it is made; it is
/// stored because signing needs it.
/// </summary>
public sealed class WebhookSubscription
{
    public long Id { get; set; }
    /// <summary>The external id (<c>wh_…</c>) that the API and the pages show.</summary>
    public required string PublicId { get; set; }
    public ApiKeyKind Kind { get; set; }
    /// <summary>The account of an account subscription; null for a platform subscription.</summary>
    public long? SellerAccountId { get; set; }
    public required string Url { get; set; }
    public List<string> Events { get; set; } = [];
    /// <summary><c>whsec_</c> and the base64 of the key bytes.</summary>
    public required string Secret { get; set; }
    /// <summary>Who made it: a user's email, an API key's prefix, or "cli".</summary>
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set when the target answered 410 Gone (or someone disabled it); nothing is delivered while set.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
}

/// <summary>
/// Something that happened, written in the same transaction as its cause. <see cref="Data"/> is the event's
/// <c>data</c> object as JSON; the references say whose event it is and what it concerns.
/// </summary>
public sealed class WebhookEvent
{
    public long Id { get; set; }
    /// <summary>The <c>webhook-id</c> of every delivery of this event (<c>msg_…</c>), stable across retries.</summary>
    public required string MessageId { get; set; }
    public required string Type { get; set; }
    /// <summary>The account the event belongs to; account subscriptions of other accounts never see it.</summary>
    public long? SellerAccountId { get; set; }
    public long? ContactId { get; set; }
    public long? ReviewId { get; set; }
    public required string Data { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

public enum WebhookDeliveryState { Pending, Delivered, Failed }

/// <summary>
/// One event for one subscription: the queue item the dispatcher claims (<c>FOR UPDATE SKIP LOCKED</c> and a lease)
/// and the delivery log a subscription shows (tries, last answer).
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public WebhookEvent? Event { get; set; }
    public long SubscriptionId { get; set; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>An instance that claimed the delivery owns it until then; after that another may take it.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    /// <summary>The start of the last answer's body, or why there was none (time-out, refused connection).</summary>
    public string? LastAnswer { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
