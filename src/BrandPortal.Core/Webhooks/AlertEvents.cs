namespace BrandPortal.Core.Webhooks;

/// <summary>The <c>data</c> of <c>alert.rating_drop</c>: a brand's average rating of the last 30 days against the 90 days before.</summary>
public sealed record RatingDropEventData(string Brand, string Seller, decimal RecentAverage, long RecentReviews, decimal PriorAverage,
    long PriorReviews, decimal Drop, DateTimeOffset RecentFrom, DateTimeOffset PriorFrom, DateTimeOffset At);

/// <summary>The <c>data</c> of <c>alert.topic_spike</c>: a term (a stemmed lexeme) new in one product's critical reviews.</summary>
public sealed record TopicSpikeEventData(string Brand, string Asin, string Seller, string Term, int Reviews, DateTimeOffset Since,
    DateTimeOffset At);
