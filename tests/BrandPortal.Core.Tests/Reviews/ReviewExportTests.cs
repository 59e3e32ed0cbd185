using BrandPortal.Core.Access;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Import;
using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Core.Tests.Reviews;

/// <summary>
/// The CSV export reads every match through one statement and one data reader: with almost two thousand rows, two brands,
/// every rating and ties on created_at, each sort must list every matching review once, in order, and nothing else.
/// </summary>
public sealed class ReviewExportTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await using var db = database.CreateContext();
        if (await db.Reviews.AnyAsync()) return;
        var json = """
        {
          "sellers": [{"id":"S1","name":"Seller","plan":"Professional","standing":"Good"}],
          "brands": [{"id":"B1","name":"Mine","registered":true,"sellerIds":["S1"]},{"id":"B2","name":"Also","registered":true,"sellerIds":["S1"]},
                     {"id":"B3","name":"Foreign","registered":true,"sellerIds":["S1"]}],
          "users": [{"email":"rep@x.test","password":"a-long-password-1","sellerId":"S1",
                     "brandRoles":[{"brandId":"B1","role":"BrandRepresentative"},{"brandId":"B2","role":"BrandRepresentative"}],
                     "permissions":{"CustomerReviews":"View"}}],
          "customers": [{"id":"C1","name":"Jane Doe","email":"jane@x.test","password":"a-long-password-2"}],
          "products": [{"asin":"B00000000A","brandId":"B1","title":"Kettle"},{"asin":"B00000000B","brandId":"B2","title":"Lamp"},
                       {"asin":"B00000000C","brandId":"B3","title":"Foreign"}],
          "orders": [], "reviews": []
        }
        """;
        (await new ImportService(db).ImportAsync(json)).Succeeded.Should().BeTrue();
        // 3,600 reviews over three brands; created_at repeats every 7 rows so the id must break ties.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO reviews (external_id, product_id, brand_id, customer_id, rating, title, body, created_at, verified_purchase)
            SELECT 'X' || g, p.id, p.brand_id, c.id, 1 + g % 5, 'Title ' || g, 'Body ' || g,
                   timestamptz '2026-06-01 00:00:00+00' - ((g / 7) * interval '1 hour'), false
            FROM generate_series(1, 3600) g
            JOIN products p ON p.asin = CASE g % 3 WHEN 0 THEN 'B00000000A' WHEN 1 THEN 'B00000000B' ELSE 'B00000000C' END
            CROSS JOIN (SELECT id FROM customers LIMIT 1) c
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(ReviewSort.Newest)]
    [InlineData(ReviewSort.Oldest)]
    [InlineData(ReviewSort.Lowest)]
    public async Task Export_ThousandsOfRows_EveryMatchOnceInOrder(ReviewSort sort)
    {
        await using var db = database.CreateContext();
        var clock = new FakeTimeProvider(Now);
        var user = (await new AccessService(db).LoadAsync(await db.Users.Where(u => u.Email == "rep@x.test").Select(u => u.Id).SingleAsync()))!;
        var filter = ReviewFilter.Default with { Stars = [1, 2, 3, 4], Period = ReviewPeriod.All, Sort = sort };

        var rows = new List<ReviewExportRow>();
        await foreach (var row in new ReviewQuery(db, new EligibilityService(db, clock), clock).Export(user, filter)!) rows.Add(row);

        var mine = await db.Brands.Where(b => b.Name != "Foreign").Select(b => b.Id).ToListAsync();
        var matches = db.Reviews.Where(r => mine.Contains(r.BrandId) && r.Rating <= 4);
        var expected = await (sort switch
        {
            ReviewSort.Oldest => matches.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            ReviewSort.Lowest => matches.OrderBy(r => r.Rating).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            _ => matches.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        }).Select(r => r.Id).ToListAsync();

        expected.Count.Should().BeGreaterThan(1000, "far more rows than a page, read through the one reader");
        rows.Select(r => r.Id).Should().Equal(expected);
        rows.Select(r => r.Brand).Distinct().Should().BeEquivalentTo("Mine", "Also");
    }
}
