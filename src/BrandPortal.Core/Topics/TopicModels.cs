namespace BrandPortal.Core.Topics;

/// <summary>What the topics panel shows for a brand (or one of its products) over the months from <see cref="FromMonth"/>.</summary>
public sealed record TopicPanel(
    long BrandId,
    long? ProductId,
    string? Language,
    DateOnly FromMonth,
    long Reviews,
    long CriticalReviews,
    IReadOnlyList<TopicRow> Negative,
    IReadOnlyList<TopicRow> Positive,
    IReadOnlyList<TopicProduct> Products);

/// <summary>
/// One topic: a 1–3-word phrase (<see cref="Term"/> stemmed, <see cref="Display"/> as reviewers wrote it), how many
/// reviews mention it, the share of the scope's critical reviews that do, and the average rating of the reviews that
/// mention it against those that do not (<see cref="Effect"/>, in stars).
/// </summary>
public sealed record TopicRow(
    string Language,
    string Term,
    string Display,
    long Mentions,
    long CriticalMentions,
    double CriticalShare,
    double? AverageWith,
    double? AverageWithout,
    double Score,
    IReadOnlyList<TopicMonth> Trend,
    IReadOnlyList<TopicExample> Examples)
{
    /// <summary>The value of <c>topic=</c> on Customer Reviews.</summary>
    public string Key => TopicKey.Format(Language, Term);

    public double? Effect => AverageWith - AverageWithout;
}

public sealed record TopicMonth(DateOnly Month, long Mentions, long Critical);

public sealed record TopicExample(long ReviewId, short Rating, string Body, string ProductTitle, DateTimeOffset CreatedAt);

public sealed record TopicProduct(long Id, string Asin, string Title);

/// <summary>The counts of one term in a scope, summed over the period's months.</summary>
/// <remarks>Background*: the same term's reviews over the whole brand (the scope itself when it is the brand).</remarks>
internal sealed record TermCounts(string Language, string Term, long N1, long N2, long N3, long N4, long N5, long BackgroundCritical, long BackgroundPositive)
{
    public long Background => BackgroundCritical + BackgroundPositive;
    public long Critical => N1 + N2 + N3;
    public long Positive => N4 + N5;
    public long Total => Critical + Positive;
    public long StarSum => N1 + 2 * N2 + 3 * N3 + 4 * N4 + 5 * N5;
}
