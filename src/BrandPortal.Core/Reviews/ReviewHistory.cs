using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Reviews;

/// <summary>What a review said from <see cref="Since"/> until <see cref="Until"/> (null: what it says now).</summary>
public sealed record ReviewText(int Rating, string Title, string Body, DateTimeOffset Since, DateTimeOffset? Until);

/// <summary>
/// A review's text now and what it said before, newest first (docs/PRODUCT.md#review-history). The earlier versions
/// are the <c>review_versions</c> rows the import keeps when a review comes again with another rating, title or body:
/// each holds the text as it was, from when it was first seen until the change that replaced it.
/// </summary>
public sealed record ReviewHistory(long ReviewId, ReviewText Current, IReadOnlyList<ReviewText> Earlier, int EarlierCount)
{
    /// <summary>At most this many earlier versions are loaded; <see cref="EarlierCount"/> says how many there are.</summary>
    public const int Shown = 20;

    public bool IsEdited => EarlierCount > 0;

    /// <summary>When the review last changed; null when it never did.</summary>
    public DateTimeOffset? EditedAt => Earlier.Count > 0 ? Earlier[0].Until : null;

    /// <summary>No access check: the caller has checked that the user may see the review's brand.</summary>
    internal static async Task<ReviewHistory?> LoadAsync(BrandPortalDbContext db, long reviewId, CancellationToken ct)
        => (await LoadManyAsync(db, [reviewId], null, ct)).GetValueOrDefault(reviewId);

    /// <summary>One statement; reviews outside <paramref name="brands"/> (when given) are left out, as missing ones are.</summary>
    internal static async Task<Dictionary<long, ReviewHistory>> LoadManyAsync(BrandPortalDbContext db, IReadOnlyCollection<long> reviewIds,
        long[]? brands, CancellationToken ct)
    {
        var ids = reviewIds.Distinct().ToArray();
        var reviews = db.Reviews.AsNoTracking().Where(r => ids.Contains(r.Id));
        if (brands is not null) reviews = reviews.Where(r => brands.Contains(r.BrandId));
        var rows = await reviews
            .Select(r => new
            {
                r.Id, r.Rating, r.Title, r.Body, r.CreatedAt,
                Count = db.ReviewVersions.Count(v => v.ReviewId == r.Id),
                Versions = db.ReviewVersions.Where(v => v.ReviewId == r.Id).OrderByDescending(v => v.ReplacedAt).ThenByDescending(v => v.Id)
                    .Take(Shown).Select(v => new ReviewText(v.Rating, v.Title, v.Body, v.ValidFrom, v.ReplacedAt)).ToList(),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ReviewHistory(r.Id,
            // The current text has been in force since the last change, or since the review arrived.
            new ReviewText(r.Rating, r.Title, r.Body, r.Versions.Count > 0 ? r.Versions[0].Until!.Value : r.CreatedAt, null),
            r.Versions, r.Count));
    }
}

/// <summary>Reads review histories for a user, with the access check of the Contact page: they may see the review's brand.</summary>
public sealed class ReviewHistoryService(BrandPortalDbContext db)
{
    /// <summary>Null when the review does not exist or its brand is not one the user may see in Customer Reviews.</summary>
    public async Task<ReviewHistory?> GetAsync(UserAccess user, long reviewId, CancellationToken ct = default)
        => (await ForReviewsAsync(user, [reviewId], ct)).GetValueOrDefault(reviewId);

    /// <summary>
    /// The histories of those of <paramref name="reviewIds"/> the user may see, for a page of cards in one statement.
    /// Reviews of brands the user does not represent are left out, as missing ones are.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ReviewHistory>> ForReviewsAsync(UserAccess user, IReadOnlyCollection<long> reviewIds,
        CancellationToken ct = default)
    {
        if (reviewIds.Count == 0 || ReviewAccess.Missing(user).Count > 0) return new Dictionary<long, ReviewHistory>();
        return await ReviewHistory.LoadManyAsync(db, reviewIds, user.RepresentedBrands.Select(b => b.BrandId).ToArray(), ct);
    }
}
