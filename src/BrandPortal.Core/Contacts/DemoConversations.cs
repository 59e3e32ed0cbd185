using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Email;
using BrandPortal.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Contacts;

/// <summary>
/// Conversations of the past weeks on top of <see cref="DemoContacts"/>, played through the real services on a clock
/// set back in time, so that a fresh demo's response-time report shows every state: answered within 24 hours, late,
/// several customer messages before one answer, and a thread marked *No response needed*. All by rep.two@acme.test
/// (Acme Trading) on Acme reviews; jane@example.test's reviews stay untouched for a first try.
/// </summary>
public static class DemoConversations
{
    private const string AnswerText = "Thank you for telling us. We are sending you a replacement part at no cost; it should arrive within a week.";

    /// <summary>Returns the number of conversations made (0 when the demo users are missing or it ran before).</summary>
    public static async Task<int> SeedAsync(BrandPortalDbContext db, PortalOptions portal, TimeProvider clock, CancellationToken ct = default)
    {
        var rep = await db.Users.AsNoTracking().Where(u => u.Email == DemoContacts.Representative)
            .Select(u => new { u.Id, u.SellerAccountId }).FirstOrDefaultAsync(ct);
        if (rep?.SellerAccountId is not { } sellerId) return 0;
        var now = clock.GetUtcNow();
        // Ran before: its contacts are the only ones of the rep older than a day.
        if (await db.Contacts.AnyAsync(c => c.SentByUserId == rep.Id && c.SentAt < now.AddDays(-1), ct)) return 0;
        var at = new SettableClock(now);
        var access = new AccessService(db);
        var contacts = new ContactCustomerService(db, access, new EligibilityService(db, at), new ContactTimeline(db), Options.Create(portal),
            new OutboxSignal(), at);
        var center = new MessageCenterService(db, at);
        var messages = new BrandMessagesService(db, access, Options.Create(portal), new OutboxSignal(), at);
        var actor = new Actor(rep.Id, DemoContacts.Representative, sellerId, null);
        var made = 0;

        // A support contact to the customer on their oldest eligible Acme review sold by the rep's account, made at `start`.
        async Task<(long ContactId, long CustomerId)?> Contact(string customerEmail, DateTimeOffset start)
        {
            at.Now = start;
            var candidates = await db.Reviews.AsNoTracking()
                .Where(r => r.Rating <= 3 && r.VerifiedPurchase && r.Order != null && r.Order.SellerAccountId == sellerId
                    && db.Brands.Any(b => b.Id == r.BrandId && b.Name == "Acme") && db.Customers.Any(c => c.Id == r.CustomerId && c.Email == customerEmail)
                    && r.Order.PlacedAt < start && r.CreatedAt < start && !db.Contacts.Any(c => c.ReviewId == r.Id))
                .OrderBy(r => r.ExternalId).Select(r => new { r.Id, r.CustomerId }).Take(5).ToListAsync(ct);
            foreach (var review in candidates)
            {
                if (!(await contacts.SendAsync(rep.Id, actor, review.Id, ContactReason.CustomerSupport, ct)).Succeeded) continue;
                made++;
                return (await db.Contacts.Where(c => c.ReviewId == review.Id).Select(c => c.Id).FirstAsync(ct), review.CustomerId);
            }
            return null;
        }

        async Task Reply((long ContactId, long CustomerId) c, DateTimeOffset when, string text)
        {
            at.Now = when;
            await center.ReplyAsync(c.CustomerId, c.ContactId, text, ct);
        }

        async Task Answer((long ContactId, long CustomerId) c, DateTimeOffset when)
        {
            at.Now = when;
            var threadId = await db.Threads.Where(t => t.ContactId == c.ContactId).Select(t => t.Id).FirstAsync(ct);
            await messages.AnswerAsync(rep.Id, threadId, AnswerText, ct);
        }

        // Answered within 24 hours, three weeks ago.
        if (await Contact("hans@example.test", now.AddDays(-21)) is { } hans)
        {
            await Reply(hans, now.AddDays(-21).AddHours(1), "The kettle switches itself off before the water boils. What can I do?");
            await Answer(hans, now.AddDays(-21).AddHours(6));
        }
        // Late: answered 30 hours after the customer wrote, five days ago.
        if (await Contact("taro@example.test", now.AddDays(-5)) is { } taro)
        {
            await Reply(taro, now.AddDays(-5).AddHours(2), "The toaster's lever does not stay down.");
            await Answer(taro, now.AddDays(-5).AddHours(32));
        }
        // Two customer messages before one answer, three days ago: each counts, each timed from when it was sent.
        if (await Contact("lucia@example.test", now.AddDays(-3)) is { } lucia)
        {
            await Reply(lucia, now.AddDays(-3).AddHours(1), "The lid of the kettle does not close any more.");
            await Reply(lucia, now.AddDays(-3).AddHours(2), "I forgot to say: it is the 1.7 L model.");
            await Answer(lucia, now.AddDays(-3).AddHours(9));
        }
        // A thank-you that needs no answer: marked No response needed two hours later.
        if (await Contact("oliver@example.test", now.AddDays(-2)) is { } oliver)
        {
            await Reply(oliver, now.AddDays(-2).AddHours(1), "Never mind, the shop replaced it already. Thanks anyway!");
            at.Now = now.AddDays(-2).AddHours(3);
            var threadId = await db.Threads.Where(t => t.ContactId == oliver.ContactId).Select(t => t.Id).FirstAsync(ct);
            await messages.MarkNoResponseNeededAsync(rep.Id, actor, threadId, ct);
        }
        db.ChangeTracker.Clear();
        return made;
    }

    /// <summary>The services read "now" from this clock; the demo moves it through the weeks it plays.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
