namespace BrandPortal.Core.Data.Entities;

/// <summary>
/// How one seller account works one review: done (when, by whom) and assigned (to whom, when, by whom). Per account,
/// because a brand sold by two accounts shows the same review to both, and each works its own queue. No row: open and
/// unassigned. <see cref="ReviewCreatedAt"/> and <see cref="BrandId"/> are the review's own, copied so that "assigned
/// to me" and "done only" walk one index of this table in the list's order instead of the account's whole brand, and
/// are filtered by brand and time on this table: filtered through the join, PostgreSQL would multiply the selectivity
/// of the brands among all reviews into its estimate, expect a few dozen rows, and hash and sort them all.
/// </summary>
public sealed class ReviewWork
{
    public long SellerAccountId { get; set; }
    public long ReviewId { get; set; }
    /// <summary>The review's brand (a review never changes brand), copied so that PostgreSQL sees how many rows a filter keeps.</summary>
    public long BrandId { get; set; }
    public DateTimeOffset ReviewCreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public long? DoneByUserId { get; set; }
    public long? AssigneeUserId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public long? AssignedByUserId { get; set; }
}
