using System.Data.Common;
using System.Text.RegularExpressions;
using BrandPortal.Core.Data;
using BrandPortal.Core.Import;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit;

namespace BrandPortal.Core.Tests.Import;

/// <summary>Many new orders and reviews (written by COPY) are stored exactly as the one-row path stores them.</summary>
public sealed class BulkImportTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private const string Catalog = """
    {
      "sellers":   [{"id": "S1", "name": "Acme Trading", "plan": "Professional", "standing": "Good"}],
      "brands":    [{"id": "B1", "name": "Acme", "registered": true, "sellerIds": ["S1"]}],
      "customers": [{"id": "C1", "name": "Jane Doe", "email": "jane@example.test", "password": "a-long-password-3"}],
      "products":  [{"asin": "B000000001", "brandId": "B1", "title": "Acme Kettle"}, {"asin": "B000000002", "brandId": "B1", "title": "Acme Pot"}]
    }
    """;

    private static string File(int from, int count) => "{\"orders\": [" + string.Join(", ", Enumerable.Range(from, count).Select(i => $$"""
        {"id": "O-{{i}}", "customerId": "C1", "sellerId": "S1", "marketplace": "DE", "placedAt": "2026-05-01T10:00:00+02:00",
         "items": [{"asin": "B000000001", "quantity": 2, "unitPrice": 12.5, "currency": "EUR"}, {"asin": "B000000002", "quantity": 1, "unitPrice": 3, "currency": "EUR"}]}
        """)) + "], \"reviews\": [" + string.Join(", ", Enumerable.Range(from, count).Select(i => $$"""
        {"id": "R-{{i}}", "asin": "B000000002", "customerId": "C1", "orderId": {{(i % 2 == 0 ? $"\"O-{i}\"" : "null")}}, "rating": {{1 + i % 5}},
         "title": "Title {{i}}", "body": "Body {{i}}\nsecond line", "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": {{(i % 2 == 0 ? "true" : "false")}}}
        """)) + "]}";

    [Fact]
    public async Task Import_ManyNewOrdersAndReviews_StoresEveryFieldAndLeavesTheIdSequencesAhead()
    {
        await using (var db = database.CreateContext())
        {
            var service = new ImportService(db);
            (await service.ImportAsync(Catalog)).Succeeded.Should().BeTrue();
            (await service.ImportAsync(File(0, 120))).Errors.Should().BeEmpty();
        }
        await using (var db = database.CreateContext())
            (await new ImportService(db).ImportAsync(File(120, 1))).Errors.Should().BeEmpty(); // one more through the tracked path

        await using var check = database.CreateContext();
        var orders = await check.Orders.Include(o => o.Items).Where(o => o.ExternalId.StartsWith("O-")).ToListAsync();
        orders.Should().HaveCount(121).And.OnlyHaveUniqueItems(o => o.Id);
        orders.Should().AllSatisfy(o =>
        {
            o.Marketplace.Should().Be(BrandPortal.Core.Data.Entities.Marketplace.DE);
            o.PlacedAt.Should().Be(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
            o.Items.Select(i => (i.Quantity, i.UnitPrice, i.Currency)).Should().BeEquivalentTo([(2, 12.5m, "EUR"), (1, 3m, "EUR")]);
        });
        var reviews = await check.Reviews.Where(r => r.ExternalId.StartsWith("R-"))
            .Select(r => new { r.ExternalId, r.Rating, r.Title, r.Body, r.VerifiedPurchase, Order = r.Order!.ExternalId, r.Product!.Asin, r.BrandId, ProductBrand = r.Product.BrandId })
            .ToListAsync();
        reviews.Should().HaveCount(121);
        var r7 = reviews.Single(r => r.ExternalId == "R-8");
        (r7.Rating, r7.Title, r7.Body, r7.VerifiedPurchase, r7.Order, r7.Asin).Should().Be(((short)4, "Title 8", "Body 8\nsecond line", true, "O-8", "B000000002"));
        reviews.Single(r => r.ExternalId == "R-9").Order.Should().BeNull();
        reviews.Should().AllSatisfy(r => r.BrandId.Should().Be(r.ProductBrand));
    }

    [Fact]
    public async Task Import_ManyReviewsOfWhichSomeChange_KeepsVersionsOfTheChangedOnes()
    {
        await using (var db = database.CreateContext())
        {
            var service = new ImportService(db);
            (await service.ImportAsync(Catalog)).Succeeded.Should().BeTrue();
            (await service.ImportAsync(File(1000, 60))).Errors.Should().BeEmpty();
        }
        await using (var db = database.CreateContext())
            (await new ImportService(db).ImportAsync(File(1000, 120).Replace("\"Title 1001\"", "\"Title changed\""))).Errors.Should().BeEmpty();

        await using var check = database.CreateContext();
        var ids = Enumerable.Range(1000, 120).Select(i => $"R-{i}").ToList();
        (await check.Reviews.CountAsync(r => ids.Contains(r.ExternalId))).Should().Be(120);
        (await check.ReviewVersions.Where(v => check.Reviews.Any(r => r.Id == v.ReviewId && ids.Contains(r.ExternalId))).Select(v => v.Title).ToListAsync())
            .Should().Equal("Title 1001");
    }

    [Fact]
    public async Task Import_OrdersAndReviewsOnly_ReadsNoSignInsNoBlocksAndBrandsOnlyForTheEvents()
    {
        await using (var db = database.CreateContext())
            (await new ImportService(db).ImportAsync(Catalog)).Succeeded.Should().BeTrue();
        var recorder = new QueryRecorder();
        var options = new DbContextOptionsBuilder<BrandPortalDbContext>();
        options.UseBrandPortalDatabase(database.ConnectionString).AddInterceptors(recorder);
        await using (var db = new BrandPortalDbContext(options.Options))
            (await new ImportService(db).ImportAsync(File(3000, 60))).Errors.Should().BeEmpty();

        recorder.Queries.Should().NotContain(q => Regex.IsMatch(q, @"\bFROM (users|customer_brand_blocks)\b"), "the file names no sign-in and no customer");
        recorder.Queries.Where(q => Regex.IsMatch(q, @"\bFROM brands\b")).Should().ContainSingle("only the critical reviews' events need their brand");
    }

    private sealed class QueryRecorder : DbCommandInterceptor
    {
        public List<string> Queries { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Queries.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
