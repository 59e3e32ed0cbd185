using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Eligibility;

/// <summary>Loads the facts of many reviews in one SQL statement and decides each with <see cref="EligibilityRules"/>.</summary>
public sealed class EligibilityService(BrandPortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<long, EligibilityDecision>> DecideAsync(UserAccess user, IReadOnlyCollection<long> reviewIds,
        CancellationToken ct = default)
    {
        var facts = await LoadFactsAsync(user, reviewIds, ct);
        var now = clock.GetUtcNow();
        return facts.ToDictionary(f => f.ReviewId, f => EligibilityRules.Decide(f, now));
    }

    public async Task<IReadOnlyList<EligibilityFacts>> LoadFactsAsync(UserAccess user, IReadOnlyCollection<long> reviewIds, CancellationToken ct = default)
    {
        if (reviewIds.Count == 0) return [];
        var ids = reviewIds.ToArray();
        var sellerId = user.SellerAccountId ?? -1;
        var rows = await db.Reviews.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id,
                r.Rating,
                r.VerifiedPurchase,
                r.OrderId,
                OrderPlacedAt = (DateTimeOffset?)r.Order!.PlacedAt,
                OrderSellerAccountId = (long?)r.Order!.SellerAccountId,
                r.BrandId,
                BrandName = db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.Name).First(),
                BrandRegistered = db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.Registered).First(),
                Associated = db.BrandSellers.Any(bs => bs.BrandId == r.BrandId && bs.SellerAccountId == sellerId),
                // Two scalar subqueries on the unique index contacts(review_id), not one object: EF turns an object
                // FirstOrDefault into ROW_NUMBER() over every contact of the table, sorted on each page load.
                ContactSentAt = db.Contacts.Where(c => c.ReviewId == r.Id).Select(c => (DateTimeOffset?)c.SentAt).FirstOrDefault(),
                // Who contacted is told only within the same seller account: another account's staff stay anonymous.
                ContactBy = db.Contacts.Where(c => c.ReviewId == r.Id)
                    .Select(c => db.Users.Where(u => u.Id == c.SentByUserId && u.SellerAccountId == sellerId).Select(u => u.Email).FirstOrDefault())
                    .FirstOrDefault(),
                Blocked = db.CustomerBrandBlocks.Any(b => b.CustomerId == r.CustomerId && b.BrandId == r.BrandId),
            })
            .ToListAsync(ct);

        return rows.Select(r => FactsOf(user, new ReviewFacts(r.Id, r.Rating, r.VerifiedPurchase, r.OrderId, r.OrderPlacedAt,
            r.OrderSellerAccountId, r.BrandId, r.BrandName, r.BrandRegistered, r.Associated, r.ContactSentAt, r.ContactBy, r.Blocked))).ToList();
    }

    /// <summary>The decision for facts read elsewhere: the Customer Reviews page reads them within its own statement.</summary>
    public EligibilityDecision Decide(EligibilityFacts facts) => EligibilityRules.Decide(facts, clock.GetUtcNow());

    /// <summary>The review's facts as <see cref="LoadFactsAsync"/> reads them, completed with the user's side.</summary>
    public static EligibilityFacts FactsOf(UserAccess user, ReviewFacts r) => new(
        r.ReviewId, r.Rating, r.VerifiedPurchase, r.OrderId, r.OrderPlacedAt, r.OrderSellerAccountId,
        r.BrandId, r.BrandName, r.BrandRegistered,
        user.SellerAccountId, user.SellerPlan, user.SellerStanding, r.SellerAssociatedWithBrand, user.Represents(r.BrandId),
        user.Level(Permission.CustomerReviews), r.ContactedAt, r.ContactedBy, r.CustomerBlockedBrand);
}

/// <summary>
/// The review's side of <see cref="EligibilityFacts"/>: <paramref name="SellerAssociatedWithBrand"/> is about the
/// viewer's seller account, <paramref name="ContactedBy"/> is the sender's email only within that account.
/// </summary>
public sealed record ReviewFacts(
    long ReviewId, int Rating, bool VerifiedPurchase, long? OrderId, DateTimeOffset? OrderPlacedAt, long? OrderSellerAccountId,
    long BrandId, string BrandName, bool BrandRegistered, bool SellerAssociatedWithBrand, DateTimeOffset? ContactedAt, string? ContactedBy,
    bool CustomerBlockedBrand);
