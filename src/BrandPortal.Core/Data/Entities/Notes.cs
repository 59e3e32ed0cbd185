namespace BrandPortal.Core.Data.Entities;

/// <summary>
/// An internal note of one seller account on a review. Another account that sells the same brand sees the same review
/// but never this note: every read and write is scoped by <see cref="SellerAccountId"/>.
/// </summary>
public sealed class ReviewNote
{
    public const int MaxLength = 2000;

    public long Id { get; set; }
    public long ReviewId { get; set; }
    public long SellerAccountId { get; set; }
    public long AuthorUserId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A named Customer Reviews filter. <see cref="Query"/> is the filter as <c>ReviewFilter</c> normalizes it (never the text
/// a user typed), parsed again each time the view is used. Private: seen by its owner only; shared: by the whole account.
/// </summary>
public sealed class SavedView
{
    public const int MaxNameLength = 80;
    public const int MaxQueryLength = 2000;

    public long Id { get; set; }
    public long SellerAccountId { get; set; }
    /// <summary>Who made the view: the only one who sees a private view, and who may change a shared one (with the account administrators).</summary>
    public long OwnerUserId { get; set; }
    public bool Shared { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The name folded for uniqueness: "1★ Last 30 days" and "1★ last 30 DAYS" are the same view name.</summary>
    public string NameKey { get; set; } = "";
    public string Query { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
