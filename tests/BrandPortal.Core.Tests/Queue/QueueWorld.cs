using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Email;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Import;
using BrandPortal.Core.Reviews;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Tests.Queue;

/// <summary>
/// Sellers S1 and S3 sharing brand B1 (B2 is S1's alone). S1: a representative of B1 and B2 at View and Edit, a
/// colleague representing B1 only, a View-only user of B1 and a user of S1 with no brand role; S3: a representative of
/// B1. Critical reviews R1..R4 on B1 and R5, R6 on B2, imported through the real import.
/// </summary>
internal static class QueueWorld
{
    public const string Rep = "rep@s1.test";
    public const string Colleague = "colleague@s1.test";
    public const string Viewer = "viewer@s1.test";
    public const string NoRole = "norole@s1.test";
    public const string RepS3 = "rep@s3.test";

    public static async Task ImportAsync(BrandPortalDbContext db)
    {
        if (await db.Reviews.AnyAsync()) return;
        var at = DateTimeOffset.UtcNow.AddDays(-5);
        var reviews = new[] { ("R1", "B00000000A", 1), ("R2", "B00000000A", 2), ("R3", "B00000000A", 3), ("R4", "B00000000A", 2), ("R5", "B00000000B", 1), ("R6", "B00000000B", 2) };
        var items = string.Join(",", reviews.Select((r, i) => System.Text.Json.JsonSerializer.Serialize(new
        {
            id = r.Item1, asin = r.Item2, customerId = "C1", rating = r.Item3, title = $"Review {r.Item1}", body = "b",
            createdAt = at.AddHours(i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), verifiedPurchase = false,
        })));
        var json = $$$"""
        {
          "sellers": [{"id":"S1","name":"One","plan":"Professional","standing":"Good"},{"id":"S3","name":"Three","plan":"Professional","standing":"Good"}],
          "brands": [{"id":"B1","name":"Shared","registered":true,"sellerIds":["S1","S3"]},{"id":"B2","name":"Own","registered":true,"sellerIds":["S1"]}],
          "users": [
            {"email":"{{{Rep}}}","password":"a-long-password-1","sellerId":"S1","brandRoles":[{"brandId":"B1","role":"BrandRepresentative"},{"brandId":"B2","role":"BrandRepresentative"}],"permissions":{"CustomerReviews":"ViewAndEdit"}},
            {"email":"{{{Colleague}}}","password":"a-long-password-1","sellerId":"S1","brandRoles":[{"brandId":"B1","role":"BrandRepresentative"}],"permissions":{"CustomerReviews":"ViewAndEdit"}},
            {"email":"{{{Viewer}}}","password":"a-long-password-1","sellerId":"S1","brandRoles":[{"brandId":"B1","role":"BrandRepresentative"}],"permissions":{"CustomerReviews":"View"}},
            {"email":"{{{NoRole}}}","password":"a-long-password-1","sellerId":"S1","brandRoles":[],"permissions":{"CustomerReviews":"ViewAndEdit"}},
            {"email":"{{{RepS3}}}","password":"a-long-password-3","sellerId":"S3","brandRoles":[{"brandId":"B1","role":"BrandRepresentative"}],"permissions":{"CustomerReviews":"ViewAndEdit"}}
          ],
          "customers": [{"id":"C1","name":"Jane Doe","email":"jane@x.test","password":"a-long-password-2"}],
          "products": [{"asin":"B00000000A","brandId":"B1","title":"Kettle"},{"asin":"B00000000B","brandId":"B2","title":"Toaster"}],
          "reviews": [{{{items}}}]
        }
        """;
        var result = await new ImportService(db).ImportAsync(json);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors));
    }

    public static async Task<UserAccess> UserAsync(BrandPortalDbContext db, string email)
        => (await new AccessService(db).LoadAsync((await db.Users.SingleAsync(u => u.Email == email)).Id))!;

    public static async Task<long> UserIdAsync(BrandPortalDbContext db, string email) => (await db.Users.SingleAsync(u => u.Email == email)).Id;

    public static async Task<Dictionary<string, long>> ReviewsAsync(BrandPortalDbContext db) => await db.Reviews.ToDictionaryAsync(r => r.ExternalId, r => r.Id);

    public static ReviewWorkService Work(BrandPortalDbContext db)
        => new(db, TimeProvider.System, Options.Create(new PortalOptions { BaseUrl = "http://portal.test" }), new OutboxSignal());

    public static ReviewBulkService Bulk(BrandPortalDbContext db) => new(db, Work(db), TimeProvider.System, new OutboxSignal());

    public static ReviewQuery Query(BrandPortalDbContext db) => new(db, new EligibilityService(db, TimeProvider.System), TimeProvider.System);

    /// <summary>The external ids of the reviews the Customer Reviews page lists for <paramref name="user"/> with the query string's done and assignee.</summary>
    public static async Task<string[]> ListedAsync(BrandPortalDbContext db, UserAccess user, string? done = null, string? assignee = null)
    {
        var parsed = ReviewFilter.Parse(new ReviewFilterInput([], Done: done, Assignee: assignee), user.RepresentedBrands);
        var page = await Query(db).LoadAsync(user, parsed);
        var ids = page.Cards.Select(c => c.Id).ToList();
        return await db.Reviews.Where(r => ids.Contains(r.Id)).OrderBy(r => r.ExternalId).Select(r => r.ExternalId).ToArrayAsync();
    }
}
