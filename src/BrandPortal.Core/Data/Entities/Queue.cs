namespace BrandPortal.Core.Data.Entities;

/// <summary>
/// How one seller account works one review: done (when, by whom) and assigned (to whom, when, by whom). Per account,
/// because a brand sold by two accounts shows the same review to both, and each works its own queue. No row: open and
/// unassigned. <see cref="ReviewCreatedAt"/> is the review's own created_at, copied so that "assigned to me" and
/// "done only" walk one index of this table in the list's order instead of the account's whole brand.
/// </summary>
public sealed class ReviewWork
{
    public long SellerAccountId { get; set; }
    public long ReviewId { get; set; }
    public DateTimeOffset ReviewCreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public long? DoneByUserId { get; set; }
    public long? AssigneeUserId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public long? AssignedByUserId { get; set; }
}
