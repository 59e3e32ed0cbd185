using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.SavedViews;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Notes;

/// <summary>
/// Internal notes and saved views on top of <see cref="DemoContacts"/>, made through the real services (so they are
/// audited as a person's would be): two notes on Oliver's toaster review, which waits for his answer, a shared view
/// "1★ last 30 days" and a private view of reviews not contacted yet. A newcomer signing in as rep.two@acme.test sees
/// them in the filter panel and on the review's Contact page.
/// </summary>
public static class DemoNotes
{
    public const string Review = "R0067";
    public const string SharedView = "1★ last 30 days";
    public const string PrivateView = "Not contacted yet, lowest first";

    /// <summary>Returns the number of notes and views made (0 when the representative or the review is missing, or it ran before).</summary>
    public static async Task<int> SeedAsync(BrandPortalDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var repId = await db.Users.AsNoTracking().Where(u => u.Email == DemoContacts.Representative).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
        if (repId is null || await new AccessService(db).LoadAsync(repId.Value, ct) is not { } rep) return 0;
        if (await db.SavedViews.AnyAsync(v => v.OwnerUserId == rep.UserId, ct)) return 0;
        var actor = new Actor(rep.UserId, rep.Email, rep.SellerAccountId, null);
        var made = 0;
        var reviewId = await db.Reviews.Where(r => r.ExternalId == Review).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (reviewId is { } id)
        {
            var notes = new ReviewNoteService(db, clock);
            foreach (var text in new[]
                     {
                         "Asked Oliver for permission to contact him; no answer yet. If he agrees, offer the heating-element replacement first.",
                         "Same toaster fault as the two reviews from last week: batch TX-2611. Quality team informed.",
                     })
                if ((await notes.AddAsync(rep, actor, id, text, ct)).Succeeded) made++;
        }
        var views = new SavedViewService(db, clock);
        if ((await views.SaveAsync(rep, actor, SharedView, SavedViewVisibility.Shared, "stars=1&period=30d", ct)).Succeeded) made++;
        if ((await views.SaveAsync(rep, actor, PrivateView, SavedViewVisibility.Private, "contact=none&sort=lowest", ct)).Succeeded) made++;
        return made;
    }
}
