using BrandPortal.Core.Data.Replicas;
using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Paging;
using BrandPortal.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Messaging;

public sealed record ThreadSummary(
    long ThreadId, string BrandName, string CustomerFirstName, string ProductTitle, DateTimeOffset LastMessageAt,
    MessageSender LastSender, string LastMessage, DateTimeOffset? ResponseNeededSince, DateTimeOffset? AnswerDueAt, bool Overdue);

public sealed record ThreadView(
    ThreadSummary Summary, string ReviewTitle, int ReviewRating, ContactReason Reason, IReadOnlyList<ConversationMessage> Messages,
    bool CustomerBlockedBrand, bool CanAnswer, NoResponseMark? LastNoResponseMark);

/// <summary>The latest *No response needed* on a thread: when, and by whom (a colleague of the same seller account).</summary>
public sealed record NoResponseMark(DateTimeOffset At, string By);

/// <summary>
/// Buyer-seller Messages for brand users (docs/PRODUCT.md#messages): threads of the brands the user represents, and answers
/// that follow the communication guidelines. Buyer-Seller Messages at View reads; View and Edit answers.
/// </summary>
public sealed class BrandMessagesService(BrandPortalDbContext db, AccessService access, IOptions<PortalOptions> portal, OutboxSignal outbox,
    TimeProvider clock, ReadDb? read = null)
{
    public const int MaxAnswerLength = 4000;
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromHours(24);

    public const int PageSize = 25;

    /// <summary>
    /// One page of threads, newest activity first, by keyset on (last_message_at, id) read forwards (Next) or backwards
    /// (Previous): never OFFSET, so page 40 costs what page 1 does. Empty when the user may not read messages.
    /// </summary>
    public async Task<KeysetPage<ThreadSummary>> PageAsync(UserAccess user, PageRequest request, int size = PageSize, CancellationToken ct = default)
    {
        if (!user.SeesMessages) return KeysetPage<ThreadSummary>.Empty;
        // Stale-tolerant: the list reads a standby when one is configured; opening a thread reads (and marks) the primary.
        var from = read?.Context ?? db;
        var threads = VisibleTo(from, user);
        IQueryable<MessageThread> ordered;
        if (request.Before is { } b)
            ordered = threads.Where(t => t.LastMessageAt > b.At || (t.LastMessageAt == b.At && t.Id > b.Id)).OrderBy(t => t.LastMessageAt).ThenBy(t => t.Id);
        else if (request.After is { } a)
            ordered = threads.Where(t => t.LastMessageAt < a.At || (t.LastMessageAt == a.At && t.Id < a.Id))
                .OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id);
        else ordered = threads.OrderByDescending(t => t.LastMessageAt).ThenByDescending(t => t.Id);
        var rows = await Summaries(from, ordered.Take(size + 1)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return KeysetPage<ThreadSummary>.From(rows.Select(r => r.ToSummary(now)).ToList(), request, size, t => new PageCursor(0, t.LastMessageAt, t.ThreadId));
    }

    /// <summary>Null when the thread does not exist, belongs to a brand the user does not represent, or the user may not read messages.</summary>
    public async Task<ThreadView?> GetAsync(UserAccess user, long threadId, CancellationToken ct = default)
    {
        if (!user.SeesMessages) return null;
        var row = await Summaries(db, VisibleTo(db, user).Where(t => t.Id == threadId)).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var details = await db.Threads.AsNoTracking().Where(t => t.Id == threadId)
            .Select(t => new
            {
                Review = db.Contacts.Where(c => c.Id == t.ContactId).Select(c => new { c.Review!.Title, c.Review.Rating, c.Reason }).First(),
                Messages = t.Messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Select(m => new ConversationMessage(m.Sender, m.Body, m.SentAt)).ToList(),
                Blocked = db.CustomerBrandBlocks.Any(b => b.CustomerId == t.CustomerId && b.BrandId == t.BrandId),
                Mark = t.Messages.Where(m => m.NoResponseNeededAt != null).OrderByDescending(m => m.NoResponseNeededAt)
                    .Select(m => new { At = m.NoResponseNeededAt!.Value, By = db.Users.Where(u => u.Id == m.NoResponseNeededByUserId).Select(u => u.Email).First() })
                    .FirstOrDefault(),
            })
            .FirstAsync(ct);
        await db.ThreadMessages.Where(m => m.ThreadId == threadId && m.Sender == MessageSender.Customer && m.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, clock.GetUtcNow()), ct);
        return new ThreadView(row.ToSummary(clock.GetUtcNow()), details.Review.Title, details.Review.Rating, details.Review.Reason, details.Messages,
            details.Blocked, user.Can(Permission.BuyerSellerMessages, PermissionLevel.ViewAndEdit),
            details.Mark is { } mark ? new NoResponseMark(mark.At, mark.By ?? "") : null);
    }

    /// <summary>
    /// Stores an answer that follows the guidelines and emails the customer that the brand answered, in one
    /// transaction; access is re-read inside it, so a permission revoked a second ago counts.
    /// </summary>
    public async Task<Outcome> AnswerAsync(long userId, long threadId, string? body, CancellationToken ct = default)
    {
        var text = FreeText.Normalise(body); // an answer of only invisible characters is no answer
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (user, thread) = await LockVisibleThreadAsync(userId, threadId, ct);
        if (user is null || thread is null) return Outcome.NotFound;
        if (!user.Can(Permission.BuyerSellerMessages, PermissionLevel.ViewAndEdit))
            return Outcome.Refused(
                "Your Buyer-Seller Messages permission is View: you can read messages but not answer. Ask your account administrator for View and Edit (under Messaging).");
        if (text.Length == 0) return Outcome.Refused("Write an answer before sending.");
        if (text.Length > MaxAnswerLength) return Outcome.RefusedFormat("Your answer is {0} characters long; the limit is {1}.", text.Length, MaxAnswerLength);
        var violations = GuidelineChecker.Check(text);
        if (violations.Count > 0) return Outcome.Refused("This answer breaks the communication guidelines and was not sent.",
                violations.Select(v => new OutcomeReason(v.Rule.ToString(), v.Title + ".", v.Explanation, v.Excerpt)).ToList());
        var facts = await db.Contacts.AsNoTracking().Where(c => c.Id == thread.ContactId)
            .Select(c => new
            {
                Customer = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => new { x.Name, x.Email }).First(),
                BrandName = db.Brands.Where(b => b.Id == c.BrandId).Select(b => b.Name).First(),
                ProductTitle = c.Review!.Product!.Title,
                OrderId = c.Review.Order != null ? c.Review.Order.ExternalId : "",
                Marketplace = c.Review.Order != null ? (Marketplace?)c.Review.Order.Marketplace : null,
                c.Review.CreatedAt,
                Blocked = db.CustomerBrandBlocks.Any(b => b.CustomerId == c.CustomerId && b.BrandId == c.BrandId),
            })
            .FirstAsync(ct);
        if (facts.Blocked) return Outcome.RefusedFormat("The customer has blocked messages from {0}; the answer was not sent.", facts.BrandName);

        var now = clock.GetUtcNow();
        // A double click or a resubmitted form arrives here after the first answer committed (the thread row is
        // locked): the same words a moment ago are that answer, not a new one, and the customer gets one email.
        if (await db.ThreadMessages.AnyAsync(m => m.ThreadId == thread.Id && m.Sender == MessageSender.Brand && m.Body == text
                && m.SentAt > now.AddMinutes(-2), ct))
            return Outcome.Done("Answer sent. The customer has been notified by email.");
        var message = new ThreadMessage { ThreadId = thread.Id, Sender = MessageSender.Brand, SenderUserId = user.UserId, Body = text, SentAt = now };
        db.ThreadMessages.Add(message);
        thread.LastMessageAt = now;
        thread.ResponseNeededSince = null;
        await db.SaveChangesAsync(ct); // the message's id names its notification
        var email = ContactEmails.RenderBrandAnswered(
            new ContactEmailFacts(facts.Customer.Name, facts.BrandName, facts.ProductTitle, facts.OrderId, facts.CreatedAt, 0m, "", facts.Marketplace),
            portal.Value.BaseUrl);
        db.Enqueue(EmailKind.BrandAnswered, $"answer-{message.Id}", facts.Customer.Email, facts.Customer.Name, email, now, thread.ContactId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Notify();
        return Outcome.Done("Answer sent. The customer has been notified by email.");
    }

    /// <summary>
    /// *No response needed*: stops the timer of every customer message still waiting on the thread, which then counts
    /// as answered at this moment (docs/PRODUCT.md#response-time). Audited with the thread, in one transaction; the
    /// thread row is locked, so a double click finds nothing left waiting and says so.
    /// </summary>
    public async Task<Outcome> MarkNoResponseNeededAsync(long userId, Actor actor, long threadId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (user, thread) = await LockVisibleThreadAsync(userId, threadId, ct);
        if (user is null || thread is null) return Outcome.NotFound;
        if (!user.Can(Permission.BuyerSellerMessages, PermissionLevel.ViewAndEdit))
            return Outcome.Refused(
                "Your Buyer-Seller Messages permission is View: you can read messages but not mark them. Ask your account administrator for View and Edit (under Messaging).");
        if (thread.ResponseNeededSince is not { } since) return Outcome.Refused("This conversation is not waiting for an answer: there is nothing to mark.");
        var now = clock.GetUtcNow();
        var stopped = await db.ThreadMessages
            .Where(m => m.ThreadId == threadId && m.Sender == MessageSender.Customer && m.SentAt >= since && m.NoResponseNeededAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NoResponseNeededAt, now).SetProperty(m => m.NoResponseNeededByUserId, user.UserId), ct);
        thread.ResponseNeededSince = null;
        db.Audit(actor with { SellerAccountId = user.SellerAccountId }, AuditActions.NoResponseNeeded, "Thread",
            threadId.ToString(CultureInfo.InvariantCulture), $"Response needed since {Wording.Day(since)}",
            $"No response needed ({stopped} customer message{(stopped == 1 ? "" : "s")})", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Done("Marked as no response needed. The conversation no longer waits for an answer.");
    }

    /// <summary>
    /// Inside the caller's transaction: the user's access read afresh and the thread row locked, or nulls when either is
    /// gone or the thread is not one the user may see (the caller answers 404 and tells nothing more).
    /// </summary>
    private async Task<(UserAccess? User, MessageThread? Thread)> LockVisibleThreadAsync(long userId, long threadId, CancellationToken ct)
    {
        var user = await access.LoadAsync(userId, ct);
        // The row's key is filtered inside the SQL, where EF cannot see it: the OrderBy spares the first-without-order warning.
        var thread = await db.Threads.FromSql($"SELECT * FROM threads WHERE id = {threadId} FOR UPDATE").OrderBy(t => t.Id).FirstOrDefaultAsync(ct);
        if (user is null || thread is null || !await VisibleTo(db, user).AnyAsync(t => t.Id == threadId, ct)) return (null, null);
        return (user, thread);
    }

    /// <summary>
    /// Threads of the brands the user represents that their own seller account started: another seller account that
    /// also represents the brand never sees them (the order, the contact and the conversation are the first seller's).
    /// </summary>
    private IQueryable<MessageThread> VisibleTo(BrandPortalDbContext db, UserAccess user)
    {
        if (!user.SeesMessages || user.SellerAccountId is not { } sellerId) return db.Threads.Where(_ => false);
        var brands = user.RepresentedBrands.Select(b => b.BrandId).ToArray();
        return db.Threads.Where(t => brands.Contains(t.BrandId)
            && db.Contacts.Any(c => c.Id == t.ContactId && db.Users.Any(u => u.Id == c.SentByUserId && u.SellerAccountId == sellerId)));
    }

    private IQueryable<SummaryRow> Summaries(BrandPortalDbContext db, IQueryable<MessageThread> threads) => threads.AsNoTracking()
        .Select(t => new SummaryRow(
            t.Id, t.BrandId,
            db.Brands.Where(b => b.Id == t.BrandId).Select(b => b.Name).First(),
            db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).First(),
            db.Contacts.Where(c => c.Id == t.ContactId).Select(c => c.Review!.Product!.Title).First(),
            t.LastMessageAt, t.ResponseNeededSince,
            t.Messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Select(m => m.Sender).FirstOrDefault(),
            t.Messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Select(m => m.Body).FirstOrDefault()));

    private sealed record SummaryRow(
        long ThreadId, long BrandId, string BrandName, string CustomerName, string ProductTitle, DateTimeOffset LastMessageAt,
        DateTimeOffset? ResponseNeededSince, MessageSender LastSender, string? LastBody)
    {
        public ThreadSummary ToSummary(DateTimeOffset now)
        {
            var due = ResponseNeededSince + AnswerWithin;
            var preview = LastBody ?? "";
            if (preview.Length > 140) preview = preview[..140] + "…";
            return new ThreadSummary(ThreadId, BrandName, ContactEmails.FirstName(CustomerName), ProductTitle, LastMessageAt, LastSender, preview,
                ResponseNeededSince, due, due is { } d && d < now);
        }
    }
}
