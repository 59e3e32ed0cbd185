using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Objects of the Globex Retail seller account (S3) planted in a demo database, each carrying a marker that must never
/// reach a user of another account: contacts, refunds, threads and messages (also on Acme, a brand both accounts sell),
/// a Brand Registry case, its brand's reviews, internal notes (also on an Acme review) and saved views.
/// </summary>
public sealed class ForeignAccount
{
    public static readonly string[] Markers = ["GLOBEX-", "@globex.test", "Globex Retail", "PLATFORM-HOOK-"];

    public Dictionary<string, List<long>> Ids { get; } = new();

    public IEnumerable<long> AllIds => Ids.Values.SelectMany(v => v).Distinct();

    /// <summary>
    /// The foreign ids of the kind a value names ("threadId" a thread, "brand" a brand, the "id" of /Brands/Reviews a
    /// review): with the rest of the request valid, an id of another kind could be the number of one of the user's own
    /// objects and rightly change it. A name of no known kind gets every foreign id.
    /// </summary>
    public IReadOnlyList<long> IdsFor(PageHandler handler, string name)
    {
        var kind = name.ToLowerInvariant() switch
        {
            "threadid" => "thread", "caseid" => "case", "accountid" or "sellerids" => "seller", "brandid" or "brand" => "brand",
            "userid" or "user" => "user", "contactid" => "contact", "reviewid" => "review", "messageid" => "message", "deliveryid" => "delivery",
            "noteid" => "note", "viewid" => "view",
            "id" when handler.Route.StartsWith("Admin/Webhooks", StringComparison.Ordinal) => "webhook",
            "id" when handler.Route.StartsWith("Brands/Reviews/", StringComparison.Ordinal) => "review",
            "id" when handler.Route.StartsWith("YourAccount/MessageCenter/", StringComparison.Ordinal) => "contact",
            "id" when handler.Route.StartsWith("Admin/Users/", StringComparison.Ordinal) => "user",
            _ => null,
        };
        return kind is not null && Ids.TryGetValue(kind, out var ids) ? ids : AllIds.ToList();
    }

    public static async Task<ForeignAccount> PlantAsync(DemoPortal portal)
    {
        var result = new ForeignAccount();
        await using var db = portal.CreateContext();
        var globexBrand = await db.Brands.SingleAsync(b => b.ExternalId == "B4");
        await TestPostgres.ExecuteAsync(portal.ConnectionString,
            $"UPDATE reviews SET title = 'GLOBEX-REVIEW ' || title WHERE brand_id = {globexBrand.Id} AND title <> 'Chair wobbles'");
        // Every other object of Globex's own brand carries the marker too: its name, its products, the one review kept
        // by title for the lookup below gets it in its text.
        await TestPostgres.ExecuteAsync(portal.ConnectionString,
            $"UPDATE brands SET name = 'GLOBEX-BRAND ' || name WHERE id = {globexBrand.Id}; " +
            $"UPDATE products SET title = 'GLOBEX-PRODUCT ' || title WHERE brand_id = {globexBrand.Id}; " +
            $"UPDATE reviews SET body = 'GLOBEX-REVIEW-TEXT ' || body WHERE brand_id = {globexBrand.Id}");
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
        foreach (var id in await db.Reviews.Where(r => r.BrandId == globexBrand.Id).OrderBy(r => r.Id).Select(r => r.Id).Take(20).ToListAsync())
            result.Add("review", id);
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
        // Globex's alert settings and a pending invitation (its invited user's address carries the marker).
        db.AlertSubscriptions.Add(new AlertSubscription { UserId = rep.Id, Frequency = AlertFrequency.Immediately, Since = now.AddDays(-2), UpdatedAt = now.AddDays(-2) });
        var invited = new PortalUser { UserName = "invited@globex.test", NormalizedUserName = "INVITED@GLOBEX.TEST", Email = "invited@globex.test", NormalizedEmail = "INVITED@GLOBEX.TEST", SellerAccountId = s3.Id, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(invited);
        await db.SaveChangesAsync();
        db.UserInvitations.Add(new UserInvitation { UserId = invited.Id, TokenHash = "GLOBEX-INVITATION", ExpiresAt = now.AddDays(5) });
        await db.SaveChangesAsync();
        result.Add("case", @case.Id);
        result.Add("user", invited.Id);

        // Globex's internal notes, on its own brand's review and on the Acme review both accounts see, and its saved
        // views (a private one of its representative, a shared one of the account): Acme Trading's users see the
        // Acme review itself but none of these.
        foreach (var review in new[] { ownReview, acmeSoldByGlobex })
        {
            var note = new ReviewNote { ReviewId = review.Id, SellerAccountId = s3.Id, AuthorUserId = rep.Id, Text = "GLOBEX-SECRET-NOTE on " + review.Title, CreatedAt = now };
            db.ReviewNotes.Add(note);
            await db.SaveChangesAsync();
            result.Add("note", note.Id);
        }
        foreach (var shared in new[] { false, true })
        {
            var name = shared ? "GLOBEX-SHARED-VIEW" : "GLOBEX-PRIVATE-VIEW";
            var view = new SavedView { SellerAccountId = s3.Id, OwnerUserId = rep.Id, Shared = shared, Name = name, NameKey = name, Query = "stars=1&q=GLOBEX-VIEW-QUERY", CreatedAt = now };
            db.SavedViews.Add(view);
            await db.SaveChangesAsync();
            result.Add("view", view.Id);
        }

        // A webhook subscription of Globex and one of the platform, each with a delivery: an account's administrator sees
        // neither. Disabled with their deliveries failed, so that nothing is posted in the background during the sweeps.
        foreach (var (kind, account, url) in new[] { (ApiKeyKind.Account, (long?)s3.Id, "https://hooks.globex.test/GLOBEX-HOOK"),
                     (ApiKeyKind.Platform, null, "https://payments.example.test/PLATFORM-HOOK-SECRET") })
        {
            var hook = new WebhookSubscription
            {
                PublicId = "wh_" + (account is null ? "platform" : "globex") + "sweep", Kind = kind, SellerAccountId = account, Url = url,
                Events = ["refund.accepted"], Secret = "whsec_R0xPQkVY", CreatedBy = url, CreatedAt = now, DisabledAt = now, DisabledReason = url,
            };
            var e = new WebhookEvent { MessageId = $"msg_{hook.PublicId}", Type = "webhook.test", SellerAccountId = account, Data = "{}", OccurredAt = now };
            db.AddRange(hook, e);
            await db.SaveChangesAsync();
            var delivery = new WebhookDelivery
            {
                EventId = e.Id, SubscriptionId = hook.Id, State = WebhookDeliveryState.Failed, Attempts = 1, CreatedAt = now, NextAttemptAt = now,
                LastAnswer = url,
            };
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync();
            result.Add("webhook", hook.Id);
            result.Add("delivery", delivery.Id);
        }
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
