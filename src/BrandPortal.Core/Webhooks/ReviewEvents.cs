using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Webhooks;

/// <summary>The <c>data</c> of <c>review.critical_created</c>, in external ids.</summary>
public sealed record CriticalReviewData(string Review, int Rating, string Title, string Brand, string Asin, string Customer, string? Order,
    DateTimeOffset CreatedAt);

/// <summary>The <c>data</c> of <c>customer.blocked_brand</c>: the message the customer blocked the brand from, by its review's id.</summary>
public sealed record BlockedBrandData(string Customer, string Brand, string? Contact, DateTimeOffset At);

/// <summary>
/// Events about a brand's reviews and customers. A brand may be associated with several seller accounts: each of
/// them hears these events (they all see the brand's reviews, and a block stops them all).
/// </summary>
public static class ReviewEvents
{
    /// <summary>Critical means 1 to 3 stars, as the Customer Reviews page and eligibility say.</summary>
    public const int CriticalAtMost = 3;

    /// <summary>
    /// <c>review.critical_created</c> for those of <paramref name="newReviewIds"/> (reviews just added in the caller's
    /// transaction) that are critical; one statement for the whole batch.
    /// </summary>
    public static async Task AddCriticalCreatedAsync(BrandPortalDbContext db, IReadOnlyCollection<long> newReviewIds, CancellationToken ct)
    {
        if (newReviewIds.Count == 0) return;
        var rows = await db.Reviews.AsNoTracking().Where(r => newReviewIds.Contains(r.Id) && r.Rating <= CriticalAtMost)
            .Select(r => new
            {
                r.Id, r.ExternalId, r.Rating, r.Title, r.CreatedAt, r.Product!.Asin,
                Brand = db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.ExternalId).First(),
                Customer = db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.ExternalId).First(),
                Order = r.Order != null ? r.Order.ExternalId : null,
                Accounts = db.BrandSellers.Where(s => s.BrandId == r.BrandId).Select(s => s.SellerAccountId).ToList(),
            })
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        await WebhookEventWriter.AddManyAsync(db, rows.Select(r => new PendingWebhookEvent(WebhookEventTypes.ReviewCriticalCreated, Single(r.Accounts),
                new CriticalReviewData(r.ExternalId, r.Rating, r.Title, r.Brand, r.Asin, r.Customer, r.Order, r.CreatedAt), ReviewId: r.Id)
            { HeardBy = r.Accounts }).ToList(), ct);
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
