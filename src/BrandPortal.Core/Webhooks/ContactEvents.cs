using System.Text.Json.Serialization;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Webhooks;

/// <summary>
/// The <c>data</c> of every event about a contact, in external ids only: the contact is named by its review's
/// external id, as <c>/api/v1/contacts</c> names it. <see cref="Refund"/> is what a payment system needs to pay a
/// courtesy refund; <see cref="At"/> is when the event's cause happened.
/// </summary>
public sealed record ContactEventData(
    string Contact, string Review, string Reason, string Brand, string Asin, string Seller, string Customer, string? Order,
    ContactEventRefund? Refund, DateTimeOffset At)
{
    /// <summary>Why the email could not be delivered (contact.delivery_failed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <summary>Since when the customer waits for the brand's answer, and when it was due (thread.overdue).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ResponseNeededSince { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? AnswerDueAt { get; init; }
}

public sealed record ContactEventRefund(decimal Amount, string Currency);

/// <summary>
/// Adds an event about a contact to the caller's context (through <see cref="WebhookEventWriter"/>), for the caller's
/// transaction: one statement reads the contact's external ids. The event belongs to the account whose user sent the
/// contact; only that account's subscriptions (and platform ones) hear it.
/// </summary>
public static class ContactEvents
{
    public static Task AddAsync(BrandPortalDbContext db, string type, long contactId, DateTimeOffset at, CancellationToken ct,
        Func<ContactEventData, ContactEventData>? more = null)
        => AddManyAsync(db, type, [contactId], at, ct, more is null ? null : (_, data) => more(data));

    /// <summary>The same event for several contacts: one statement reads them all, one write adds the events.</summary>
    public static async Task AddManyAsync(BrandPortalDbContext db, string type, IReadOnlyCollection<long> contactIds, DateTimeOffset at,
        CancellationToken ct, Func<long, ContactEventData, ContactEventData>? more = null)
    {
        if (contactIds.Count == 0) return;
        var rows = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.ReviewId,
                Review = c.Review!.ExternalId,
                c.Reason,
                Brand = db.Brands.Where(b => b.Id == c.BrandId).Select(b => b.ExternalId).First(),
                c.Review.Product!.Asin,
                Account = db.Users.Where(u => u.Id == c.SentByUserId).Select(u => u.SellerAccountId).First(),
                Seller = db.Users.Where(u => u.Id == c.SentByUserId).Select(u => u.SellerAccount!.ExternalId).First(),
                Customer = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.ExternalId).First(),
                Order = c.Review.Order != null ? c.Review.Order.ExternalId : null,
                Refund = c.Refund == null ? null : new { c.Refund.Amount, c.Refund.Currency },
            })
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        if (rows.Count != contactIds.Distinct().Count()) throw new InvalidOperationException("An event was asked for a contact that does not exist.");
        await WebhookEventWriter.AddManyAsync(db, rows.Select(row =>
        {
            var data = new ContactEventData(row.Review, row.Review, row.Reason.ToString(), row.Brand, row.Asin, row.Seller, row.Customer, row.Order,
                row.Refund is null ? null : new ContactEventRefund(row.Refund.Amount, row.Refund.Currency.Trim()), at);
            return new PendingWebhookEvent(type, row.Account, more is null ? data : more(row.Id, data), row.Id, row.ReviewId);
        }).ToList(), ct);
    }

    /// <summary>
    /// When the payment system acknowledged a contact's <c>refund.accepted</c>: the first 2xx delivery of that event to a
    /// platform subscription (an account's own tools hearing it do not pay anything). SQL over the contact aliased
    /// <paramref name="contact"/>, for the contact timeline.
    /// </summary>
    public static string RefundAcknowledgedSql(string contact) => $"""
        (SELECT min(wd.delivered_at) FROM webhook_events we
         JOIN webhook_deliveries wd ON wd.event_id = we.id AND wd.state = '{nameof(WebhookDeliveryState.Delivered)}'
         JOIN webhook_subscriptions ws ON ws.id = wd.subscription_id AND ws.kind = '{nameof(ApiKeyKind.Platform)}'
         WHERE we.contact_id = {contact}.id AND we.type = '{WebhookEventTypes.RefundAccepted}')
        """;
}
