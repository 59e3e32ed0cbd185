using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;

namespace BrandPortal.Core.Reviews;

/// <summary>One review as its card shows it; <see cref="EditedAt"/> is when it last changed (null: never).</summary>
public sealed record ReviewCard(
    long Id,
    int Rating,
    string Title,
    string Body,
    long BrandId,
    string BrandName,
    string ProductTitle,
    string Asin,
    DateTimeOffset CreatedAt,
    bool VerifiedPurchase,
    DateTimeOffset? OrderPlacedAt,
    ReviewContact? Contact,
    EligibilityDecision? Eligibility,
    DateTimeOffset? EditedAt = null,
    ReviewWorkState? Work = null)
{
    public bool IsDone => Work?.DoneAt is not null;

    public bool IsCritical => Rating is >= 1 and <= 3;

    /// <summary>The review came again with another rating, title or body; its earlier versions are on the Contact page.</summary>
    public bool IsEdited => EditedAt is not null;
}

/// <summary>The viewer's seller account's work on a review: done (when, by whom) and its assignee; users named by email.</summary>
public sealed record ReviewWorkState(DateTimeOffset? DoneAt, string? DoneBy, long? AssigneeUserId, string? Assignee, DateTimeOffset? AssignedAt);

/// <summary>
/// The contact made about a review, as far as the viewing user may know it: the details (reason, sender, time, reply)
/// only when their own seller account made it; of another account's contact only that it exists.
/// </summary>
public sealed record ReviewContact(
    long ReviewId,
    bool ByYourAccount,
    ContactReason? Reason,
    string? SentBy,
    DateTimeOffset? SentAt,
    bool CustomerReplied,
    Contacts.ContactTimelineEntry? Timeline = null);

/// <summary>One page of results: the cards, the capped total, messages about the filter, and the next page if any.</summary>
public sealed record ReviewsPage(
    ReviewFilter Filter,
    IReadOnlyList<string> Messages,
    IReadOnlyList<ReviewCard> Cards,
    int Total,
    bool TotalIsCapped,
    ReviewCursor? Next)
{
    public string TotalText => Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + (TotalIsCapped ? "+" : "");
}
