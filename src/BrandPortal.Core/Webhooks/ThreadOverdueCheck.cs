using BrandPortal.Core.Data;
using BrandPortal.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Webhooks;

/// <summary>
/// Writes <c>thread.overdue</c> for every conversation whose customer has waited for the brand's answer longer than
/// <see cref="BrandMessagesService.AnswerWithin"/> (the Messages page's "overdue"). Once per occurrence: an occurrence
/// is one value of the thread's <c>response_needed_since</c>, and it has had its event when a <c>thread.overdue</c> of
/// that contact occurred after it began. The brand's answer ends the occurrence; the customer's next message starts
/// another. Run periodically by every instance: a transaction-scoped advisory lock lets one check run at a time, and
/// each statement of the next one sees the events the previous one committed.
/// </summary>
public sealed class ThreadOverdueCheck(BrandPortalDbContext db, TimeProvider clock)
{
    private const long LockKey = 0x7468726561646f76; // "threadov"
    private const int BatchSize = 500;

    /// <summary>Returns how many events were written (0 as well when another instance is checking right now).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return 0;
        var now = clock.GetUtcNow();
        var cutoff = now - BrandMessagesService.AnswerWithin;
        var due = await db.Threads.AsNoTracking()
            .Where(t => t.ResponseNeededSince != null && t.ResponseNeededSince <= cutoff
                        && !db.WebhookEvents.Any(e => e.ContactId == t.ContactId && e.Type == WebhookEventTypes.ThreadOverdue
                                                      && e.OccurredAt >= t.ResponseNeededSince))
            .OrderBy(t => t.ResponseNeededSince).Take(BatchSize)
            .Select(t => new { t.ContactId, Since = t.ResponseNeededSince!.Value })
            .ToListAsync(ct);
        var since = due.ToDictionary(t => t.ContactId, t => t.Since);
        await ContactEvents.AddManyAsync(db, WebhookEventTypes.ThreadOverdue, since.Keys, now, ct,
            (contactId, data) => data with { ResponseNeededSince = since[contactId], AnswerDueAt = since[contactId] + BrandMessagesService.AnswerWithin });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }
}
