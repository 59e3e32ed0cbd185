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
/// A few contacts on top of the demo data, made through the real services, so that a fresh demo shows a courtesy
/// refund, a support request waiting for an answer and a conversation that needs a response. Reviews of customers
/// other than jane@example.test are used, so her "Leaks from the lid" review stays free for a first try.
/// </summary>
public static class DemoContacts
{
    public const string Representative = "rep.two@acme.test";

    public static async Task<int> SeedAsync(BrandPortalDbContext db, PortalOptions portal, TimeProvider clock, CancellationToken ct = default)
    {
        var rep = await db.Users.AsNoTracking().Where(u => u.Email == Representative)
            .Select(u => new { u.Id, u.SellerAccountId }).FirstOrDefaultAsync(ct);
        if (rep is null) return 0;
        var access = new AccessService(db);
        var contacts = new ContactCustomerService(db, access, new EligibilityService(db, clock), new ContactTimeline(db), Options.Create(portal),
            new OutboxSignal(), clock);
        var actor = new Actor(rep.Id, Representative, rep.SellerAccountId, null);
        var made = 0;

        async Task<long?> Contact(string reviewExternalId, ContactReason reason)
        {
            var reviewId = await db.Reviews.Where(r => r.ExternalId == reviewExternalId).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
            if (reviewId is null) return null;
            if (!(await contacts.SendAsync(rep.Id, actor, reviewId.Value, reason, ct)).Succeeded) return null;
            made++;
            return await db.Contacts.Where(c => c.ReviewId == reviewId).Select(c => c.Id).FirstAsync(ct);
        }

        await Contact("R0001", ContactReason.CourtesyRefund);   // Lucía, Acme Electric Kettle
        await Contact("R0067", ContactReason.CustomerSupport);  // Oliver, Acme Toaster: no reply yet
        if (await Contact("R0212", ContactReason.CustomerSupport) is { } withReply) // Marie, Acme Toaster: she replied
        {
            var customerId = await db.Contacts.Where(c => c.Id == withReply).Select(c => c.CustomerId).FirstAsync(ct);
            await new MessageCenterService(db, clock).ReplyAsync(customerId, withReply,
                "Yes, please help. The toaster burns one side of the bread even on the lowest setting.", ct);
        }
        return made;
    }
}
