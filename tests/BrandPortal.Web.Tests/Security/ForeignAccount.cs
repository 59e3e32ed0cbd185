using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Objects of the Globex Retail seller account (S3) planted in a demo database, each carrying a marker that must never
/// reach a user of another account: contacts, refunds, threads and messages (also on Acme, a brand both accounts sell),
/// a Brand Registry case, and its brand's reviews.
/// </summary>
public sealed class ForeignAccount
{
    public static readonly string[] Markers = ["GLOBEX-", "@globex.test", "Globex Retail"];

    public Dictionary<string, List<long>> Ids { get; } = new();

    public IEnumerable<long> AllIds => Ids.Values.SelectMany(v => v).Distinct();

    public static async Task<ForeignAccount> PlantAsync(DemoPortal portal)
    {
        var result = new ForeignAccount();
        await using var db = portal.CreateContext();
        var globexBrand = await db.Brands.SingleAsync(b => b.ExternalId == "B4");
        await TestPostgres.ExecuteAsync(portal.ConnectionString,
            $"UPDATE reviews SET title = 'GLOBEX-REVIEW ' || title WHERE brand_id = {globexBrand.Id} AND title <> 'Chair wobbles'");
        var rep = await db.Users.SingleAsync(u => u.Email == DemoUsers.OtherTenantRep);
        var admin = await db.Users.SingleAsync(u => u.Email == DemoUsers.OtherTenantAdmin);
        var s3 = await db.SellerAccounts.SingleAsync(s => s.ExternalId == "S3");

        // A review of Globex's own brand, and one of Acme sold by Globex: both contacted by Globex.
        // Both are Oliver's (customer C6): the customer who sweeps (Jane) must find nothing of them.
        var ownReview = await db.Reviews.Where(r => r.Title == "Chair wobbles").SingleAsync();
        var acmeSoldByGlobex = await db.Reviews.Where(r => r.Title == "Kettle arrived cracked").SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var contacts = new List<Contact>();
        foreach (var (review, marker) in new[] { (ownReview, "GLOBEX-SECRET-MESSAGE"), (acmeSoldByGlobex, "GLOBEX-SECRET-ACME-THREAD") })
        {
            var contact = new Contact
            {
                ReviewId = review.Id, BrandId = review.BrandId, CustomerId = review.CustomerId, SentByUserId = rep.Id,
                Reason = ContactReason.CourtesyRefund, SentAt = now.AddHours(-5), ReadAt = now.AddHours(-4), SupportAnswer = SupportAnswer.None,
                Refund = new Refund { Amount = 12.34m, Currency = "USD", State = RefundState.Offered },
            };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            var thread = new MessageThread
            {
                BrandId = review.BrandId, CustomerId = review.CustomerId, ContactId = contact.Id, CreatedAt = now.AddHours(-4),
                LastMessageAt = now.AddHours(-3), ResponseNeededSince = now.AddHours(-3),
            };
            thread.Messages.Add(new ThreadMessage { Sender = MessageSender.Customer, Body = marker, SentAt = now.AddHours(-3) });
            db.Threads.Add(thread);
            await db.SaveChangesAsync();
            contacts.Add(contact);
            result.Add("thread", thread.Id);
            result.Add("message", thread.Messages[0].Id);
        }
        foreach (var c in contacts) { result.Add("contact", c.Id); result.Add("refund", c.Refund!.Id); }
        result.Add("review", ownReview.Id);
        result.Add("brand", globexBrand.Id);
        result.Add("user", rep.Id);
        result.Add("user", admin.Id);
        result.Add("seller", s3.Id);

        var @case = new BrandRegistryCase
        {
            RequesterUserId = admin.Id, SubjectUserId = rep.Id, BrandId = globexBrand.Id, Justification = "GLOBEX-SECRET-CASE",
            State = CaseState.Open, CreatedAt = now.AddDays(-1),
        };
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        result.Add("case", @case.Id);
        return result;
    }

    private void Add(string kind, long id)
    {
        if (!Ids.TryGetValue(kind, out var list)) Ids[kind] = list = [];
        list.Add(id);
    }

    /// <summary>Every row of every table (read from the database): equal snapshots mean nothing changed.</summary>
    public static Task<string> SnapshotAsync(string connectionString) => DatabaseSnapshot.TakeAsync(connectionString);
}
