using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Webhooks;

/// <summary>The <c>data</c> of <c>review.critical_created</c>, in external ids.</summary>
public sealed record CriticalReviewData(string Review, int Rating, string Title, string Brand, string Asin, string Customer, string? Order,
    DateTimeOffset CreatedAt);

/// <summary>The <c>data</c> of <c>customer.blocked_brand</c>: the message the customer blocked the brand from, by its review's id.</summary>
public sealed record BlockedBrandData(string Customer, string Brand, string? Contact, DateTimeOffset At);

/// <summary>A review just added, as stored, in the ids the events carry: its brand by internal id, the rest external.</summary>
public sealed record AddedReview(long Id, string ExternalId, int Rating, string Title, long BrandId, string Asin, string Customer, string? Order,
    DateTimeOffset CreatedAt);

/// <summary>
/// Events about a brand's reviews and customers. A brand may be associated with several seller accounts: each of
/// them hears these events (they all see the brand's reviews, and a block stops them all).
/// </summary>
public static class ReviewEvents
{
    /// <summary>Critical means 1 to 3 stars, as the Customer Reviews page and eligibility say.</summary>
    public const int CriticalAtMost = 3;

    /// <summary>
    /// <c>review.critical_created</c> for those of <paramref name="added"/> (reviews just added in the caller's transaction,
    /// as stored) that are critical. The event data comes from the reviews themselves; one statement reads their brands'
    /// external ids and accounts. Up to <see cref="CopyFrom"/> events are added to the context for the caller's
    /// <c>SaveChanges</c>; more are written at once by COPY (the same rows), inside the caller's transaction.
    /// </summary>
    public static async Task AddCriticalCreatedAsync(BrandPortalDbContext db, IReadOnlyCollection<AddedReview> added, CancellationToken ct)
    {
        var critical = added.Where(r => r.Rating <= CriticalAtMost).OrderBy(r => r.Id).ToList();
        if (critical.Count == 0) return;
        var brandIds = critical.Select(r => r.BrandId).Distinct().ToList();
        var brands = await db.Brands.AsNoTracking().Where(b => brandIds.Contains(b.Id))
            .Select(b => new { b.Id, b.ExternalId, Accounts = b.Sellers.Select(s => s.SellerAccountId).OrderBy(id => id).ToList() })
            .ToDictionaryAsync(b => b.Id, ct);
        var pending = critical.Select(r =>
        {
            var brand = brands[r.BrandId];
            return new PendingWebhookEvent(WebhookEventTypes.ReviewCriticalCreated, Single(brand.Accounts),
                new CriticalReviewData(r.ExternalId, r.Rating, r.Title, brand.ExternalId, r.Asin, r.Customer, r.Order, AsStored(r.CreatedAt)),
                ReviewId: r.Id) { HeardBy = brand.Accounts };
        }).ToList();
        if (pending.Count < CopyFrom) await WebhookEventWriter.AddManyAsync(db, pending, ct);
        else await WebhookEventWriter.CopyManyAsync(db, pending, ct);
    }

    /// <summary>Below this many events the tracked path costs about the same; above it COPY wins.</summary>
    public const int CopyFrom = 50;

    /// <summary>A time as PostgreSQL gives it back: in UTC, to the microsecond (Npgsql drops the ticks below it).</summary>
    private static DateTimeOffset AsStored(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    /// <summary><c>customer.blocked_brand</c>, heard by every account associated with the brand.</summary>
    public static async Task AddBlockedBrandAsync(BrandPortalDbContext db, long customerId, long brandId, long? contactId, DateTimeOffset at,
        CancellationToken ct)
    {
        var row = await db.Brands.AsNoTracking().Where(b => b.Id == brandId)
            .Select(b => new
            {
                b.ExternalId,
                Customer = db.Customers.Where(c => c.Id == customerId).Select(c => c.ExternalId).First(),
                Contact = db.Contacts.Where(c => c.Id == contactId).Select(c => c.Review!.ExternalId).FirstOrDefault(),
                Accounts = db.BrandSellers.Where(s => s.BrandId == b.Id).Select(s => s.SellerAccountId).ToList(),
            })
            .FirstAsync(ct);
        await WebhookEventWriter.AddAsync(db, new PendingWebhookEvent(WebhookEventTypes.CustomerBlockedBrand, Single(row.Accounts),
            new BlockedBrandData(row.Customer, row.ExternalId, row.Contact, at), contactId) { HeardBy = row.Accounts }, ct);
    }

    /// <summary>The event's own account when exactly one account hears it; null when several do.</summary>
    private static long? Single(List<long> accounts) => accounts.Count == 1 ? accounts[0] : null;
}
