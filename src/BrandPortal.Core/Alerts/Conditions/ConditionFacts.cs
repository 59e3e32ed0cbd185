using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Alerts.Conditions;

/// <summary>
/// One condition found met for one seller account: what it is about (<see cref="Subject"/>, unique within the rule and
/// account while it lasts) and its figures. A brand several accounts are associated with gives one per account, so
/// each account's alert and event are its own.
/// </summary>
public sealed record MetCondition(ConditionRule Rule, long SellerAccountId, long BrandId, string Subject, object Facts,
    long? ProductId = null, long? ThreadId = null, long? ContactId = null);

/// <summary>Rating drop figures of one brand: review counts and rating sums of both windows.</summary>
public sealed record RatingDropFacts(long RecentReviews, long RecentSum, long PriorReviews, long PriorSum,
    DateTimeOffset RecentFrom, DateTimeOffset PriorFrom)
{
    public decimal RecentAverage => Math.Round((decimal)RecentSum / RecentReviews, 2);
    public decimal PriorAverage => Math.Round((decimal)PriorSum / PriorReviews, 2);
    public decimal Drop => Math.Round((decimal)PriorSum / PriorReviews - (decimal)RecentSum / RecentReviews, 2);

    /// <summary>
    /// prior/np − recent/nr ≥ 0.3 ⇔ 10·(prior·nr − recent·np) ≥ 3·np·nr: integers, so a drop of exactly 0.3★ counts
    /// however the averages round.
    /// </summary>
    public static bool Met(long recentReviews, long recentSum, long priorReviews, long priorSum) =>
        recentReviews >= ConditionThresholds.MinReviewsPerWindow && priorReviews >= ConditionThresholds.MinReviewsPerWindow
        && 10 * (priorSum * recentReviews - recentSum * priorReviews) >= ConditionThresholds.DropTenths * priorReviews * recentReviews;
}

/// <summary>A term in at least three critical reviews of one product within the spike window, and in none the month before.</summary>
public sealed record TermSpike(long ProductId, long BrandId, string Term, int Reviews);

public sealed record TopicSpikeFacts(string Term, int Reviews, DateTimeOffset Since);

public sealed record ResponseDueFacts(DateTimeOffset ResponseNeededSince, DateTimeOffset AnswerDueAt);
