using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Contacts;

/// <summary>An earlier contact of the same seller account with this customer, and how it ended.</summary>
public sealed record EarlierContact(
    long ReviewId, DateTimeOffset SentAt, ContactReason Reason, string BrandName, string ProductTitle, int Rating, string Outcome);

/// <summary>
/// What the seller account already knows about the customer, shown on the Contact page without their email: orders of the
/// account's brands that the account sold them, and the account's earlier contacts with them. Only this account's: another
/// seller account that shares a brand never adds its orders or contacts here.
/// </summary>
public sealed record CustomerContext(int Orders, DateTimeOffset? LastOrderAt, int EarlierContacts, IReadOnlyList<EarlierContact> Recent)
{
    public const int Shown = 10;

    /// <summary>One statement. <paramref name="reviewId"/>'s own contact is left out: the page shows it already.</summary>
    public static async Task<CustomerContext> LoadAsync(BrandPortalDbContext db, long sellerAccountId, long customerId, long reviewId, CancellationToken ct)
    {
        // Orders the account is the seller of record of, with at least one product of a brand associated with the account.
        var orders = db.Orders.Where(o => o.CustomerId == customerId && o.SellerAccountId == sellerAccountId
            && o.Items.Any(i => db.Products.Any(p => p.Id == i.ProductId
                && db.BrandSellers.Any(bs => bs.BrandId == p.BrandId && bs.SellerAccountId == sellerAccountId))));
        var contacts = db.Contacts.Where(c => c.CustomerId == customerId && c.ReviewId != reviewId
            && db.Users.Any(u => u.Id == c.SentByUserId && u.SellerAccountId == sellerAccountId));
        var row = await db.Customers.AsNoTracking().Where(x => x.Id == customerId)
            .Select(x => new
            {
                Orders = orders.Count(),
                LastOrderAt = orders.Max(o => (DateTimeOffset?)o.PlacedAt),
                Contacts = contacts.Count(),
                Recent = contacts.OrderByDescending(c => c.SentAt).ThenByDescending(c => c.Id).Take(Shown)
                    .Select(c => new
                    {
                        c.ReviewId, c.SentAt, c.Reason, c.SupportAnswer,
                        BrandName = db.Brands.Where(b => b.Id == c.BrandId).Select(b => b.Name).First(),
                        ProductTitle = c.Review!.Product!.Title,
                        c.Review.Rating,
                        RefundState = c.Refund == null ? (RefundState?)null : c.Refund.State,
                        BrandAnswered = db.ThreadMessages.Any(m => m.Sender == MessageSender.Brand && db.Threads.Any(t => t.Id == m.ThreadId && t.ContactId == c.Id)),
                        Waiting = db.Threads.Any(t => t.ContactId == c.Id && t.ResponseNeededSince != null),
                        Blocked = db.CustomerBrandBlocks.Any(b => b.CustomerId == customerId && b.BrandId == c.BrandId),
                    })
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return new CustomerContext(0, null, 0, []);
        return new CustomerContext(row.Orders, row.LastOrderAt, row.Contacts, row.Recent
            .Select(c => new EarlierContact(c.ReviewId, c.SentAt, c.Reason, c.BrandName, c.ProductTitle, c.Rating,
                OutcomeOf(c.Reason, c.RefundState, c.SupportAnswer, c.BrandAnswered, c.Waiting, c.Blocked)))
            .ToList());
    }

    /// <summary>How a contact ended, in the words of the contact timeline.</summary>
    public static string OutcomeOf(ContactReason reason, RefundState? refund, SupportAnswer answer, bool brandAnswered, bool waiting, bool blocked)
    {
        var outcome = reason switch
        {
            ContactReason.CourtesyRefund => refund == RefundState.Accepted ? "Refund accepted" : "Refund offered, not accepted",
            _ => answer switch
            {
                SupportAnswer.Declined => "Customer declined",
                SupportAnswer.Granted when waiting => "Customer replied; waiting for your answer",
                SupportAnswer.Granted when brandAnswered => "Customer replied; you answered",
                SupportAnswer.Granted => "Customer replied",
                _ => "No answer from the customer yet",
            },
        };
        return blocked ? outcome + "; the customer has since blocked this brand" : outcome;
    }
}
