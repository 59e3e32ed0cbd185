using BrandPortal.Core.Data.Replicas;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Api;

/// <summary>A contact as the API shows it. Its id is its review's external id (an account contacts a review once).</summary>
public sealed record ApiContact(string Id, string ReviewId, string Brand, string Reason, DateTimeOffset SentAt, string Delivery,
    DateTimeOffset? ReadAt, bool Replied, string Answer, DateTimeOffset? AnsweredAt, ApiRefund? Refund, DateTimeOffset UpdatedAt);

public sealed record ApiRefund(string State, decimal Amount, string Currency, DateTimeOffset? AcceptedAt);

public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// The contacts a seller account sent, for <c>GET /api/v1/contacts</c>: ordered by id (the review's external id) and
/// paged after the last id seen; <c>updatedSince</c> keeps those sent, read, answered or accepted since then.
/// </summary>
public sealed class ApiContactsQuery(ReadDb read)
{
    /// <summary>Stale-tolerant (a sync client asks again with updated_since): reads a standby when one is configured.</summary>
    private BrandPortalDbContext db => read.Context;

    public const int PageSize = 100;

    public async Task<ApiPage<ApiContact>> PageAsync(long sellerAccountId, DateTimeOffset? updatedSince, string? after, CancellationToken ct = default)
    {
        var contacts = db.Contacts.AsNoTracking()
            .Where(c => db.Users.Any(u => u.Id == c.SentByUserId && u.SellerAccountId == sellerAccountId));
        if (after is not null) contacts = contacts.Where(c => string.Compare(c.Review!.ExternalId, after) > 0);
        if (updatedSince is { } since)
            contacts = contacts.Where(c => c.SentAt >= since || c.ReadAt >= since || c.AnsweredAt >= since || c.Refund!.AcceptedAt >= since
                || db.Threads.Any(t => t.ContactId == c.Id && t.Messages.Any(m => m.Sender == MessageSender.Customer && m.SentAt >= since)));
        var rows = await contacts.OrderBy(c => c.Review!.ExternalId).Take(PageSize + 1)
            .Select(c => new
            {
                Id = c.Review!.ExternalId,
                Brand = db.Brands.Where(b => b.Id == c.BrandId).Select(b => b.ExternalId).First(),
                c.Reason, c.SentAt, c.ReadAt, c.SupportAnswer, c.AnsweredAt,
                Delivery = db.OutboxEmails.Where(e => e.ContactId == c.Id).OrderByDescending(e => e.Id).Select(e => (EmailState?)e.State).FirstOrDefault(),
                LastReply = db.Threads.Where(t => t.ContactId == c.Id).SelectMany(t => t.Messages)
                    .Where(m => m.Sender == MessageSender.Customer).Max(m => (DateTimeOffset?)m.SentAt),
                Refund = c.Refund == null ? null : new { c.Refund.State, c.Refund.Amount, c.Refund.Currency, c.Refund.AcceptedAt },
            })
            .ToListAsync(ct);
        var items = rows.Take(PageSize).Select(r => new ApiContact(r.Id, r.Id, r.Brand, r.Reason.ToString(), r.SentAt,
                r.Delivery?.ToString() ?? "None", r.ReadAt, r.LastReply is not null, r.SupportAnswer.ToString(), r.AnsweredAt,
                r.Refund is null ? null : new ApiRefund(r.Refund.State.ToString(), r.Refund.Amount, r.Refund.Currency, r.Refund.AcceptedAt),
                new[] { r.SentAt, r.ReadAt ?? r.SentAt, r.AnsweredAt ?? r.SentAt, r.Refund?.AcceptedAt ?? r.SentAt, r.LastReply ?? r.SentAt }.Max()))
            .ToList();
        return new ApiPage<ApiContact>(items, rows.Count > PageSize ? items[^1].Id : null);
    }
}
