namespace BrandPortal.Core.Data.Entities;

/// <summary>How often a representative hears about new critical reviews of the brands they represent.</summary>
public enum AlertFrequency { Off, Immediately, Daily, Weekly }

/// <summary>A user's choice of review alerts; no row means Off.</summary>
public sealed class AlertSubscription
{
    public long UserId { get; set; }
    public AlertFrequency Frequency { get; set; }
    /// <summary>Reviews written from this moment on are news; turning alerts on does not mail the whole history.</summary>
    public DateTimeOffset Since { get; set; }
    /// <summary>When the last digest was queued: daily and weekly digests wait a day or a week after it.</summary>
    public DateTimeOffset? LastDigestAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A review a user was alerted about. The key (user, review) makes a second alert impossible.</summary>
public sealed class AlertDelivery
{
    public long UserId { get; set; }
    public long ReviewId { get; set; }
    public long OutboxEmailId { get; set; }
    public DateTimeOffset AlertedAt { get; set; }
}
