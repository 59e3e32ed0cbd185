using BrandPortal.Core.Messaging;

namespace BrandPortal.Core.Alerts.Conditions;

/// <summary>The fixed thresholds of the three condition rules (README, "Condition alerts").</summary>
public static class ConditionThresholds
{
    /// <summary>Rating drop: the average of the last 30 days against the average of the 90 days before them.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan PriorWindow = TimeSpan.FromDays(90);

    /// <summary>
    /// Rating drop: at least this many reviews in <em>each</em> window, the last 30 days and the 90 days before. An
    /// average of a handful of reviews moves by a star with one review; either side that thin is noise, not a trend.
    /// </summary>
    public const int MinReviewsPerWindow = 20;

    /// <summary>Rating drop: the fall that counts, in tenths of a star (0.3★ or more). Compared in integers: exact.</summary>
    public const int DropTenths = 3;

    /// <summary>Topic spike: a term in this many critical reviews of one product within <see cref="SpikeWindow"/>.</summary>
    public const int SpikeReviews = 3;
    public static readonly TimeSpan SpikeWindow = TimeSpan.FromDays(7);

    /// <summary>Topic spike: …when no critical review of that product mentioned it in the month before the 7 days.</summary>
    public static readonly TimeSpan QuietWindow = TimeSpan.FromDays(30);

    /// <summary>Critical means 1 to 3 stars, as everywhere in the portal.</summary>
    public const int CriticalAtMost = 3;

    /// <summary>Response due: a customer's message unanswered for 20 of the 24 hours the brand has to answer it.</summary>
    public static readonly TimeSpan ResponseDueAfter = TimeSpan.FromHours(20);
    public static TimeSpan AnswerWithin => BrandMessagesService.AnswerWithin;
}
