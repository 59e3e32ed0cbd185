using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Tests.Messaging;

/// <summary>
/// Arranges buyer-seller conversations straight in the database at chosen times, as if they had happened: a contact by
/// the given user about a review of the brand, its thread, and its messages (customer, brand, or a customer message
/// marked No response needed).
/// </summary>
public static class ConversationKit
{
    public sealed record Step(MessageSender Sender, DateTimeOffset At, DateTimeOffset? NoResponseNeededAt = null);

    public static Step Customer(DateTimeOffset at, DateTimeOffset? markedAt = null) => new(MessageSender.Customer, at, markedAt);

    public static Step Brand(DateTimeOffset at) => new(MessageSender.Brand, at);

    /// <summary>A new thread on an uncontacted review of <paramref name="brand"/> (sold by the user's account when it can be); returns its id.</summary>
    public static async Task<long> ThreadAsync(BrandPortalDbContext db, string userEmail, string brand, params Step[] steps)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Email == userEmail).Select(u => new { u.Id, u.SellerAccountId }).SingleAsync();
        var review = await db.Reviews.AsNoTracking()
            .Where(r => db.Brands.Any(b => b.Id == r.BrandId && b.Name == brand) && !db.Contacts.Any(c => c.ReviewId == r.Id))
            .OrderByDescending(r => r.Order != null && r.Order.SellerAccountId == user.SellerAccountId).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.BrandId, r.CustomerId }).FirstAsync();
        var first = steps.Length > 0 ? steps.Min(s => s.At) : DateTimeOffset.UtcNow;
        var contact = new Contact
        {
            ReviewId = review.Id, BrandId = review.BrandId, CustomerId = review.CustomerId, SentByUserId = user.Id,
            Reason = ContactReason.CustomerSupport, SentAt = first.AddHours(-1), SupportAnswer = SupportAnswer.Granted,
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        var thread = new MessageThread { BrandId = review.BrandId, CustomerId = review.CustomerId, ContactId = contact.Id, CreatedAt = first, LastMessageAt = first };
        DateTimeOffset? waiting = null;
        foreach (var s in steps.OrderBy(s => s.At))
        {
            thread.Messages.Add(new ThreadMessage
            {
                Sender = s.Sender, Body = s.Sender == MessageSender.Customer ? "A question." : "An answer.", SentAt = s.At,
                SenderUserId = s.Sender == MessageSender.Brand ? user.Id : null,
                NoResponseNeededAt = s.NoResponseNeededAt, NoResponseNeededByUserId = s.NoResponseNeededAt is null ? null : user.Id,
            });
            thread.LastMessageAt = s.At;
            waiting = s.Sender == MessageSender.Brand || s.NoResponseNeededAt is not null ? null : waiting ?? s.At;
        }
        thread.ResponseNeededSince = waiting;
        db.Threads.Add(thread);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return thread.Id;
    }
}
