namespace BrandPortal.Core.Data.Entities;

/// <summary>The one contact a brand ever makes about one review.</summary>
public sealed class Contact
{
    public long Id { get; set; }
    public long ReviewId { get; set; }
    public Review? Review { get; set; }
    public long BrandId { get; set; }
    public long CustomerId { get; set; }
    public long SentByUserId { get; set; }
    public ContactReason Reason { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public SupportAnswer SupportAnswer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public Refund? Refund { get; set; }
}

public sealed class Refund
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public RefundState State { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

/// <summary>A buyer-seller conversation between a brand and a customer, born from a contact.</summary>
public sealed class MessageThread
{
    public long Id { get; set; }
    public long BrandId { get; set; }
    public long CustomerId { get; set; }
    public long ContactId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
    /// <summary>Set when the customer wrote last and the brand has not answered yet.</summary>
    public DateTimeOffset? ResponseNeededSince { get; set; }
    public List<ThreadMessage> Messages { get; set; } = [];
}

public sealed class ThreadMessage
{
    public long Id { get; set; }
    public long ThreadId { get; set; }
    public MessageSender Sender { get; set; }
    public long? SenderUserId { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>
    /// On a customer message: when a brand user marked it as needing no response (it stops that message's timer and
    /// counts as answered). Kept per message, not per thread, so a later mark never rewrites an earlier one's time.
    /// </summary>
    public DateTimeOffset? NoResponseNeededAt { get; set; }
    public long? NoResponseNeededByUserId { get; set; }
}

/// <summary>An email waiting for, or done with, delivery by the dispatcher.</summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }
    public EmailKind Kind { get; set; }
    public long? ContactId { get; set; }
    /// <summary>Stable RFC 5322 Message-Id: a retry of the same email carries the same id.</summary>
    public required string MessageId { get; set; }
    public required string ToAddress { get; set; }
    public required string ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }
    public EmailState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

public sealed class BrandRegistryCase
{
    public long Id { get; set; }
    public long RequesterUserId { get; set; }
    public long SubjectUserId { get; set; }
    public long BrandId { get; set; }
    public required string Justification { get; set; }
    public CaseState State { get; set; }
    public string? DecisionNote { get; set; }
    public long? DecidedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>Who did what to which object, when and from where. Never updated or deleted (a trigger refuses both).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long? ActorUserId { get; set; }
    public required string Actor { get; set; }
    /// <summary>The seller account the entry belongs to, so that account administrators see their own.</summary>
    public long? SellerAccountId { get; set; }
    public required string Action { get; set; }
    public required string ObjectType { get; set; }
    public required string ObjectId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? ClientIp { get; set; }
}

public sealed class UserInvitation
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
