using System.Globalization;
using System.Text.Json;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Import;
using BrandPortal.Core.Topics;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Contacts;

/// <summary>
/// An edited review on top of <see cref="DemoConversations"/>: Hans, whose support request was answered three weeks
/// ago, comes back with a better rating. It arrives through the import, as a marketplace feed would bring it, so the
/// review keeps what it said before as an earlier version; a fresh demo shows *Edited* on its Contact page and a
/// "rating changed after the contact" on the dashboard.
/// </summary>
public static class DemoEdits
{
    public const string Customer = "hans@example.test";
    public const int NewRating = 4;

    /// <summary>Returns the number of reviews edited (0 when the demo contact is missing or it ran before).</summary>
    public static async Task<int> SeedAsync(BrandPortalDbContext db, CancellationToken ct = default)
    {
        var review = await db.Contacts.AsNoTracking()
            .Where(c => c.Reason == ContactReason.CustomerSupport
                && db.Users.Any(u => u.Id == c.SentByUserId && u.Email == DemoContacts.Representative)
                && db.Customers.Any(x => x.Id == c.CustomerId && x.Email == Customer))
            .OrderBy(c => c.SentAt)
            .Select(c => new
            {
                c.ReviewId, c.Review!.ExternalId, c.Review.Product!.Asin, c.Review.Rating, c.Review.Title, c.Review.Body, c.Review.CreatedAt,
                c.Review.VerifiedPurchase,
                CustomerId = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.ExternalId).First(),
                OrderId = c.Review.Order != null ? c.Review.Order.ExternalId : null,
                Edited = db.ReviewVersions.Any(v => v.ReviewId == c.ReviewId),
            })
            .FirstOrDefaultAsync(ct);
        if (review is null || review.Edited || review.Rating >= NewRating) return 0;

        var json = JsonSerializer.Serialize(new
        {
            reviews = new[]
            {
                new
                {
                    id = review.ExternalId, asin = review.Asin, customerId = review.CustomerId, orderId = review.OrderId, rating = NewRating,
                    title = "Great support",
                    body = review.Body + " Update: the brand answered within hours and sent a replacement part; it works well now.",
                    createdAt = review.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    verifiedPurchase = review.VerifiedPurchase,
                },
            },
        });
        var result = await new ImportService(db).ImportAsync(json, ct);
        if (!result.Succeeded) throw new InvalidOperationException("The demo edit is invalid: " + string.Join("; ", result.Errors.Take(5)));
        await TopicIndex.RefreshAsync(db, ct);
        db.ChangeTracker.Clear();
        return 1;
    }
}
