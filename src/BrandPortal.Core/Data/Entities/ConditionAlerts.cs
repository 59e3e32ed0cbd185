namespace BrandPortal.Core.Data.Entities;

/// <summary>
/// The conditions a representative may be alerted about, beside the review digests: the brand's average rating fell,
/// a new term spiked in one product's critical reviews, a customer's message is close to its 24-hour answer window.
/// </summary>
public enum ConditionRule { RatingDrop, TopicSpike, ResponseDue }

/// <summary>A rule a user chose on /Brands/Alerts; no row means not chosen.</summary>
public sealed class ConditionAlertChoice
{
    public long UserId { get; set; }
    public ConditionRule Rule { get; set; }
    public DateTimeOffset ChosenAt { get; set; }
}

/// <summary>
/// One occurrence of a condition for one seller account: from the run that first found it met until the first run
/// that finds it no longer met (<see cref="ClearedAt"/>). Its emails and its webhook event were written with it, in
/// the same transaction; while it is open, no run writes them again.
/// </summary>
public sealed class ConditionAlertOccurrence
{
    public long Id { get; set; }
    public ConditionRule Rule { get; set; }
    public long SellerAccountId { get; set; }
    public long BrandId { get; set; }
    public long? ProductId { get; set; }
    public long? ThreadId { get; set; }
    /// <summary>What the occurrence is about within its rule and account: "brand:12", "product:40:leak", "thread:7:…".</summary>
    public required string Subject { get; set; }
    /// <summary>The figures that met the condition, as the email and the event gave them (JSON).</summary>
    public required string Details { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    /// <summary>How many alert emails were queued for it (users who chose the rule and may see its brand).</summary>
    public int EmailsQueued { get; set; }
}
