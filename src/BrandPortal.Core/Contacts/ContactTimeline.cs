using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Contacts;

/// <summary>What happened after a contact, as a review card shows it.</summary>
public sealed record ContactTimelineEntry(
    long ContactId,
    long ReviewId,
    ContactReason Reason,
    string SentBy,
    DateTimeOffset SentAt,
    EmailState? EmailState,
    DateTimeOffset? EmailSentAt,
    int EmailAttempts,
    string? EmailError,
    DateTimeOffset? ReadAt,
    SupportAnswer SupportAnswer,
    DateTimeOffset? AnsweredAt,
    long? ThreadId,
    RefundState? RefundState,
    decimal? RefundAmount,
    string? RefundCurrency,
    DateTimeOffset? RefundAcceptedAt)
{
    public bool Replied => SupportAnswer == SupportAnswer.Granted;

    /// <summary>"queued", "sent" or "failed": the words the card shows for the email.</summary>
    public string EmailStateLabel => EmailState switch
    {
        Data.Entities.EmailState.Sent => "sent",
        Data.Entities.EmailState.Failed => "failed",
        _ => "queued",
    };
}

/// <summary>
/// The timelines of many reviews in one SQL statement, for a page of review cards. The caller has already decided
/// that the user may see these reviews.
/// </summary>
public sealed class ContactTimeline(BrandPortalDbContext db)
{
    public async Task<IReadOnlyDictionary<long, ContactTimelineEntry>> LoadAsync(IReadOnlyCollection<long> reviewIds, CancellationToken ct = default)
    {
        if (reviewIds.Count == 0) return new Dictionary<long, ContactTimelineEntry>();
        var ids = reviewIds.ToArray();
        var rows = await db.Contacts.AsNoTracking()
            .Where(c => ids.Contains(c.ReviewId))
            .Select(c => new
            {
                c.Id, c.ReviewId, c.Reason, c.SentAt, c.ReadAt, c.SupportAnswer, c.AnsweredAt,
                SentBy = db.Users.Where(u => u.Id == c.SentByUserId).Select(u => u.Email).First(),
                Email = db.OutboxEmails.Where(o => o.ContactId == c.Id).OrderBy(o => o.Id)
                    .Select(o => new { o.State, o.SentAt, o.Attempts, o.LastError }).FirstOrDefault(),
                ThreadId = db.Threads.Where(t => t.ContactId == c.Id).Select(t => (long?)t.Id).FirstOrDefault(),
                Refund = c.Refund == null ? null : new { c.Refund.State, c.Refund.Amount, c.Refund.Currency, c.Refund.AcceptedAt },
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.ReviewId, r => new ContactTimelineEntry(
            r.Id, r.ReviewId, r.Reason, r.SentBy!, r.SentAt,
            r.Email?.State, r.Email?.SentAt, r.Email?.Attempts ?? 0, r.Email?.LastError,
            r.ReadAt, r.SupportAnswer, r.AnsweredAt, r.ThreadId,
            r.Refund?.State, r.Refund?.Amount, r.Refund?.Currency.Trim(), r.Refund?.AcceptedAt));
    }
}
