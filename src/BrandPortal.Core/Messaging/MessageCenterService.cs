using System.Globalization;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Paging;
using BrandPortal.Core.Telemetry;
using BrandPortal.Core.Text;
using BrandPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Messaging;

public sealed record MessageCenterItem(
    long ContactId, string BrandName, string ProductTitle, ContactReason Reason, string Subject, DateTimeOffset LastAt, bool Unread, string Status);

public sealed record ConversationMessage(MessageSender Sender, string Body, DateTimeOffset SentAt);

public sealed record MessageCenterMessage(
    long ContactId, long BrandId, string BrandName, string ProductTitle, ContactReason Reason, DateTimeOffset SentAt,
    string Subject, string Text,
    decimal? RefundAmount, string? RefundCurrency, RefundState? RefundState, DateTimeOffset? RefundAcceptedAt,
    SupportAnswer SupportAnswer, long? ThreadId, IReadOnlyList<ConversationMessage> Conversation, bool BrandBlocked)
{
    public bool CanAcceptRefund => RefundState == Data.Entities.RefundState.Offered;
    public bool CanReply => Reason == ContactReason.CustomerSupport && SupportAnswer != SupportAnswer.Declined && !BrandBlocked;
    public bool CanDecline => Reason == ContactReason.CustomerSupport && SupportAnswer == SupportAnswer.None;
}

/// <summary>
/// The customer's Message Center (docs/PRODUCT.md#message-center): the brands' messages to them and what they answer. Every query is
/// filtered by the signed-in customer, so nobody reaches another customer's messages, even by guessing ids.
/// </summary>
public sealed class MessageCenterService(BrandPortalDbContext db, TimeProvider clock, BrandPortalMetrics? metrics = null)
{
    public const int MaxReplyLength = 4000;

    public const int PageSize = 25;

    /// <summary>The first page, unread first, then newest first.</summary>
    public async Task<IReadOnlyList<MessageCenterItem>> ListAsync(long customerId, CancellationToken ct = default)
        => (await PageAsync(customerId, PageRequest.First, PageSize, ct)).Items;

    /// <summary>
    /// One page of the customer's messages: unread first, then by last activity (the brand's latest answer, or the
    /// message itself), newest first; keyset on (unread, last activity, id) forwards (Next) or backwards (Previous).
    /// Opening a message moves it from the unread group to the read one; the keyset pages over that without repeating rows.
    /// </summary>
    public async Task<KeysetPage<MessageCenterItem>> PageAsync(long customerId, PageRequest request, int size = PageSize, CancellationToken ct = default)
    {
        var keyed = db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId)
            .Select(c => new
            {
                c.Id, c.Reason, c.SentAt, c.ReadAt, c.SupportAnswer, c.BrandId,
                ProductTitle = c.Review!.Product!.Title,
                RefundState = c.Refund == null ? (RefundState?)null : c.Refund.State,
                LastBrandAnswerAt = db.ThreadMessages.Where(m => m.Sender == MessageSender.Brand && db.Threads.Any(t => t.Id == m.ThreadId && t.ContactId == c.Id))
                    .Max(m => (DateTimeOffset?)m.SentAt),
                UnreadAnswers = db.ThreadMessages.Any(m => m.Sender == MessageSender.Brand && m.ReadAt == null && db.Threads.Any(t => t.Id == m.ThreadId && t.ContactId == c.Id)),
            })
            .Select(x => new
            {
                x.Id, x.Reason, x.SentAt, x.SupportAnswer, x.BrandId, x.ProductTitle, x.RefundState, x.LastBrandAnswerAt,
                Rank = x.ReadAt == null || x.UnreadAnswers ? 1 : 0,
                LastAt = x.LastBrandAnswerAt != null && x.LastBrandAnswerAt > x.SentAt ? x.LastBrandAnswerAt.Value : x.SentAt,
            });
        if (request.Before is { } b)
            keyed = keyed.Where(x => x.Rank > b.Rank || (x.Rank == b.Rank && (x.LastAt > b.At || (x.LastAt == b.At && x.Id > b.Id))))
                .OrderBy(x => x.Rank).ThenBy(x => x.LastAt).ThenBy(x => x.Id);
        else if (request.After is { } a)
            keyed = keyed.Where(x => x.Rank < a.Rank || (x.Rank == a.Rank && (x.LastAt < a.At || (x.LastAt == a.At && x.Id < a.Id))))
                .OrderByDescending(x => x.Rank).ThenByDescending(x => x.LastAt).ThenByDescending(x => x.Id);
        else keyed = keyed.OrderByDescending(x => x.Rank).ThenByDescending(x => x.LastAt).ThenByDescending(x => x.Id);
        var rows = await keyed.Take(size + 1)
            .Select(x => new
            {
                x.Id, x.Reason, x.SupportAnswer, x.ProductTitle, x.RefundState, x.LastBrandAnswerAt, x.Rank, x.LastAt,
                BrandName = db.Brands.Where(br => br.Id == x.BrandId).Select(br => br.Name).First(),
                Subject = db.OutboxEmails.Where(o => o.ContactId == x.Id).OrderBy(o => o.Id).Select(o => o.Subject).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => (Key: new PageCursor(r.Rank, r.LastAt, r.Id),
                Item: new MessageCenterItem(r.Id, r.BrandName, r.ProductTitle, r.Reason, r.Subject ?? FallbackSubject(r.BrandName), r.LastAt, r.Rank == 1,
                    Status(r.Reason, r.RefundState, r.SupportAnswer, r.LastBrandAnswerAt is not null))))
            .ToList();
        var page = KeysetPage<(PageCursor Key, MessageCenterItem Item)>.From(items, request, size, i => i.Key);
        return new KeysetPage<MessageCenterItem>(page.Items.Select(i => i.Item).ToList(), page.Next, page.Previous);
    }

    /// <summary>Messages the customer has not opened, or with a brand answer they have not read: across all pages.</summary>
    public Task<int> CountUnreadAsync(long customerId, CancellationToken ct = default)
        => db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId)
            .CountAsync(c => c.ReadAt == null || db.ThreadMessages.Any(m => m.Sender == MessageSender.Brand && m.ReadAt == null
                && db.Threads.Any(t => t.Id == m.ThreadId && t.ContactId == c.Id)), ct);

    private static string Status(ContactReason reason, RefundState? refund, SupportAnswer answer, bool brandAnswered) => reason switch
    {
        ContactReason.CourtesyRefund => refund == RefundState.Accepted ? "Refund accepted" : "Refund offered",
        _ when brandAnswered => "Brand answered",
        _ => answer switch { SupportAnswer.Granted => "You replied", SupportAnswer.Declined => "You declined", _ => "Waiting for your answer" },
    };

    /// <summary>Opens one message and marks it (and the brand's answers in its conversation) read. Null when it is not the customer's.</summary>
    public async Task<MessageCenterMessage?> OpenAsync(long customerId, long contactId, CancellationToken ct = default)
    {
        var message = await LoadAsync(customerId, contactId, ct);
        if (message is null) return null;
        var now = clock.GetUtcNow();
        await db.Contacts.Where(c => c.Id == contactId && c.CustomerId == customerId && c.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReadAt, now), ct);
        if (message.ThreadId is { } threadId)
            await db.ThreadMessages.Where(m => m.ThreadId == threadId && m.Sender == MessageSender.Brand && m.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, now), ct);
        return message;
    }

    public async Task<MessageCenterMessage?> LoadAsync(long customerId, long contactId, CancellationToken ct = default)
    {
        var row = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId && c.CustomerId == customerId)
            .Select(c => new
            {
                c.Id, c.BrandId, c.Reason, c.SentAt, c.SupportAnswer,
                BrandName = db.Brands.Where(b => b.Id == c.BrandId).Select(b => b.Name).First(),
                ProductTitle = c.Review!.Product!.Title,
                Email = db.OutboxEmails.Where(o => o.ContactId == c.Id).OrderBy(o => o.Id).Select(o => new { o.Subject, o.TextBody }).FirstOrDefault(),
                Refund = c.Refund == null ? null : new { c.Refund.Amount, c.Refund.Currency, c.Refund.State, c.Refund.AcceptedAt },
                ThreadId = db.Threads.Where(t => t.ContactId == c.Id).Select(t => (long?)t.Id).FirstOrDefault(),
                Conversation = db.ThreadMessages.Where(m => db.Threads.Any(t => t.Id == m.ThreadId && t.ContactId == c.Id))
                    .OrderBy(m => m.SentAt).ThenBy(m => m.Id)
                    .Select(m => new ConversationMessage(m.Sender, m.Body, m.SentAt)).ToList(),
                Blocked = db.CustomerBrandBlocks.Any(b => b.CustomerId == customerId && b.BrandId == c.BrandId),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        return new MessageCenterMessage(row.Id, row.BrandId, row.BrandName, row.ProductTitle, row.Reason, row.SentAt,
            row.Email?.Subject ?? FallbackSubject(row.BrandName), row.Email?.TextBody ?? "",
            row.Refund?.Amount, row.Refund?.Currency.Trim(), row.Refund?.State, row.Refund?.AcceptedAt,
            row.SupportAnswer, row.ThreadId, row.Conversation, row.Blocked);
    }

    /// <summary>
    /// The subject of a message whose email is no longer in the outbox. English, like the rest of what Core writes: the
    /// customer's pages recognise it by this text and show it in their language.
    /// </summary>
    public static string FallbackSubject(string brandName) => $"A message from {brandName}";

    /// <summary>Accepts a courtesy refund, once: the row is locked so two clicks cannot both accept it.</summary>
    public async Task<Outcome> AcceptRefundAsync(long customerId, Actor actor, long contactId, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var contact = await db.Contacts.Where(c => c.Id == contactId && c.CustomerId == customerId)
            .Select(c => new { c.Id, c.ReviewId, SellerAccountId = db.Users.Where(u => u.Id == c.SentByUserId).Select(u => u.SellerAccountId).First() })
            .FirstOrDefaultAsync(ct);
        if (contact is null) return Outcome.NotFound;
        // The row's key is filtered inside the SQL, where EF cannot see it: the OrderBy spares the first-without-order warning.
        var refund = await db.Refunds.FromSql($"SELECT * FROM refunds WHERE contact_id = {contactId} FOR UPDATE").OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (refund is null) return Outcome.Refused("This message does not offer a refund.");
        if (refund.State == RefundState.Accepted)
            return Outcome.RefusedFormat("You already accepted this refund on {0}.", refund.AcceptedAt!.Value);
        var now = clock.GetUtcNow();
        refund.State = RefundState.Accepted;
        refund.AcceptedAt = now;
        var amount = new RefundAmount(refund.Amount, refund.Currency.Trim());
        db.Audit(actor, AuditActions.RefundAccepted, "Contact", contactId.ToString(CultureInfo.InvariantCulture), "Offered", $"Accepted {amount}", now,
            contact.SellerAccountId);
        await ContactEvents.AddAsync(db, WebhookEventTypes.RefundAccepted, contactId, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        metrics?.RefundAccepted();
        return Outcome.DoneFormat("Refund of {0} accepted. It will be credited to your original payment method.", amount);
    }

    /// <summary>
    /// The customer's reply to a support request grants contact: the first reply opens the buyer-seller thread,
    /// later replies add to it. Either way the brand now owes an answer.
    /// </summary>
    public async Task<Outcome> ReplyAsync(long customerId, long contactId, string? body, CancellationToken ct = default)
    {
        var text = FreeText.Normalise(body); // a reply of only invisible characters is no reply
        if (text.Length == 0) return Outcome.Refused("Write a reply before sending.");
        if (text.Length > MaxReplyLength) return Outcome.RefusedFormat("Your reply is {0} characters long; the limit is {1}.", text.Length, MaxReplyLength);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The row's key is filtered inside the SQL, where EF cannot see it: the OrderBy spares the first-without-order warning.
        var contact = await db.Contacts
            .FromSql($"SELECT * FROM contacts WHERE id = {contactId} AND customer_id = {customerId} FOR UPDATE").OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (contact is null) return Outcome.NotFound;
        if (contact.Reason != ContactReason.CustomerSupport)
            return Outcome.Refused("This message is a refund offer; there is nothing to reply to.");
        if (contact.SupportAnswer == SupportAnswer.Declined)
            return Outcome.Refused("You declined this request, so the brand cannot be contacted about it.");
        if (await db.CustomerBrandBlocks.AnyAsync(b => b.CustomerId == customerId && b.BrandId == contact.BrandId, ct))
            return Outcome.Refused("You blocked messages from this brand.");
        var now = clock.GetUtcNow();
        var thread = await db.Threads.FirstOrDefaultAsync(t => t.ContactId == contact.Id, ct);
        // The contact row is locked, so a double click waits here for the first reply and then finds it.
        if (thread is not null && await db.ThreadMessages.AnyAsync(m => m.ThreadId == thread.Id && m.Sender == MessageSender.Customer
                && m.Body == text && m.SentAt > now.AddMinutes(-2), ct))
            return Outcome.Done("Reply sent. The brand has been asked to answer within 24 hours.");
        if (thread is null)
        {
            thread = new MessageThread { BrandId = contact.BrandId, CustomerId = customerId, ContactId = contact.Id, CreatedAt = now };
            db.Threads.Add(thread);
            contact.SupportAnswer = SupportAnswer.Granted;
            contact.AnsweredAt = now;
        }
        thread.LastMessageAt = now;
        thread.ResponseNeededSince ??= now;
        thread.Messages.Add(new ThreadMessage { Sender = MessageSender.Customer, Body = text, SentAt = now });
        contact.ReadAt ??= now;
        await ContactEvents.AddAsync(db, WebhookEventTypes.CustomerReplied, contact.Id, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Done("Reply sent. The brand has been asked to answer within 24 hours.");
    }

    public async Task<Outcome> DeclineAsync(long customerId, long contactId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct); // the answer and its event together
        var changed = await db.Contacts
            .Where(c => c.Id == contactId && c.CustomerId == customerId && c.Reason == ContactReason.CustomerSupport && c.SupportAnswer == SupportAnswer.None)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SupportAnswer, SupportAnswer.Declined).SetProperty(c => c.AnsweredAt, now), ct);
        if (changed == 1)
        {
            await ContactEvents.AddAsync(db, WebhookEventTypes.CustomerDeclined, contactId, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome.Done("You declined. The brand will not contact you about this review.");
        }
        return await db.Contacts.AnyAsync(c => c.Id == contactId && c.CustomerId == customerId, ct)
            ? Outcome.Refused("You have already answered this request.")
            : Outcome.NotFound;
    }

    /// <summary>Blocks every later message from the brand of this message; the brand's later reviews fail NotBlocked.</summary>
    public async Task<Outcome> BlockBrandAsync(long customerId, long contactId, CancellationToken ct = default)
    {
        var brand = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId && c.CustomerId == customerId)
            .Select(c => new { c.BrandId, Name = db.Brands.Where(b => b.Id == c.BrandId).Select(b => b.Name).First() }).FirstOrDefaultAsync(ct);
        if (brand is null) return Outcome.NotFound;
        // Same lock as ContactCustomerService.SendAsync: a contact being recorded right now either finishes first or sees this block.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM customers WHERE id = {customerId} FOR UPDATE", ct);
        if (!await db.CustomerBrandBlocks.AnyAsync(b => b.CustomerId == customerId && b.BrandId == brand.BrandId, ct))
        {
            var now = clock.GetUtcNow();
            db.CustomerBrandBlocks.Add(new CustomerBrandBlock { CustomerId = customerId, BrandId = brand.BrandId, BlockedAt = now });
            await ReviewEvents.AddBlockedBrandAsync(db, customerId, brand.BrandId, contactId, now, ct);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear(); // a second click got there first: the brand is blocked either way
            }
        }
        await tx.CommitAsync(ct);
        return Outcome.DoneFormat("You will no longer receive messages from {0}.", brand.Name);
    }
}

/// <summary>
/// A refund's amount inside a message: written "298.00 USD" in Core's English (and the audit log); the customer's
/// pages write it again as the customer's language writes money.
/// </summary>
public sealed record RefundAmount(decimal Amount, string Currency)
{
    public override string ToString() => $"{Amount.ToString("0.00", CultureInfo.InvariantCulture)} {Currency}";
}
