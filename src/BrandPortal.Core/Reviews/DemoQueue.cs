using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Reviews;

/// <summary>
/// The team queue's two states in a fresh demo, for seller account S1 on Acme (B1): one review done by rep.two, and
/// one assigned by rep.one to rep.two (so rep.two's dashboard shows "Assigned to me (1)"; rep.one's queue starts
/// empty). Both among the newest uncontacted critical reviews, so the default list and done=include show them.
/// Written directly (no email: nobody did it just now); another account selling Acme (S3) sees neither.
/// </summary>
public static class DemoQueue
{
    public const string DoneBy = DemoContacts.Representative;           // rep.two@acme.test
    public const string AssignedBy = "rep.one@acme.test";
    public const string Assignee = DemoContacts.Representative;

    /// <summary>Returns the number of review_work rows written (0 when it ran before or the demo users are missing).</summary>
    public static async Task<int> SeedAsync(BrandPortalDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.ReviewWork.AnyAsync(ct)) return 0;
        var users = await db.Users.AsNoTracking().Where(u => u.Email == DoneBy || u.Email == AssignedBy)
            .Select(u => new { u.Id, u.Email, u.SellerAccountId }).ToListAsync(ct);
        var rep = users.FirstOrDefault(u => u.Email == DoneBy);
        var other = users.FirstOrDefault(u => u.Email == AssignedBy);
        if (rep?.SellerAccountId is not { } account || other is null) return 0;
        var brand = await db.Brands.AsNoTracking().Where(b => b.ExternalId == "B1").Select(b => (long?)b.Id).FirstOrDefaultAsync(ct);
        if (brand is null) return 0;
        var now = clock.GetUtcNow();
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => r.BrandId == brand && r.Rating <= 3 && r.CreatedAt > now.AddMonths(-12) && !db.Contacts.Any(c => c.ReviewId == r.Id))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => new { r.Id, r.CreatedAt }).Skip(3).Take(2).ToListAsync(ct);
        if (reviews.Count < 2) return 0;
        db.ReviewWork.Add(new ReviewWork
        {
            SellerAccountId = account, ReviewId = reviews[0].Id, BrandId = brand.Value, ReviewCreatedAt = reviews[0].CreatedAt, DoneAt = now.AddHours(-20), DoneByUserId = rep.Id,
        });
        db.ReviewWork.Add(new ReviewWork
        {
            SellerAccountId = account, ReviewId = reviews[1].Id, BrandId = brand.Value, ReviewCreatedAt = reviews[1].CreatedAt,
            AssigneeUserId = rep.Id, AssignedAt = now.AddHours(-3), AssignedByUserId = other.Id,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return 2;
    }
}
