using BrandPortal.Core.Import;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Import;

/// <summary>A file of one record of one section (what the API's ingest will send) runs the same checks and appliers.</summary>
public sealed class OneRecordImportTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private const string Base = """
    {
      "sellers":   [{"id": "S1", "name": "Acme Trading", "plan": "Professional", "standing": "Good"}],
      "brands":    [{"id": "B1", "name": "Acme", "registered": true, "sellerIds": ["S1"]}],
      "customers": [{"id": "C1", "name": "Jane Doe", "email": "jane@example.test", "password": "a-long-password-3"}],
      "products":  [{"asin": "B000000001", "brandId": "B1", "title": "Acme Kettle"}],
      "orders":    [{"id": "111-0000001-0000001", "customerId": "C1", "sellerId": "S1", "marketplace": "US",
                     "placedAt": "2026-05-01T10:00:00Z",
                     "items": [{"asin": "B000000001", "quantity": 1, "unitPrice": 29.99, "currency": "USD"}]}]
    }
    """;

    private async Task<ImportResult> ImportAsync(ImportFile file)
    {
        await using var db = database.CreateContext();
        var service = new ImportService(db);
        (await service.ImportAsync(Base)).Succeeded.Should().BeTrue();
        return await service.ImportAsync(file);
    }

    [Fact]
    public async Task Import_OneReviewReferringToEarlierImports_AddsItThenUpdatesIt()
    {
        var review = new ReviewRecord("$", "R9", "B000000001", "C1", "111-0000001-0000001", 2, "Leaks", "It leaks.",
            new DateTimeOffset(2026, 5, 10, 8, 0, 0, TimeSpan.Zero), VerifiedPurchase: true);

        var added = await ImportAsync(ImportFile.Empty with { Reviews = [review] });
        var updated = await ImportAsync(ImportFile.Empty with { Reviews = [review with { Title = "Leaks badly" }] });

        added.Applied.Should().Be(new ImportSummary(0, 0, 0, 0, 0, 0, 1));
        updated.Succeeded.Should().BeTrue();
        await using var db = database.CreateContext();
        var stored = await db.Reviews.Where(r => r.ExternalId == "R9").Select(r => new { r.Title, Asin = r.Product!.Asin }).SingleAsync();
        stored.Should().Be(new { Title = "Leaks badly", Asin = "B000000001" });
    }

    [Fact]
    public async Task Import_OneProductOfAnUnknownBrand_IsRefusedAtItsPath()
    {
        var result = await ImportAsync(ImportFile.Empty with { Products = [new ProductRecord("$.product", "B000000777", "B404", "Kettle")] });

        result.Errors.Should().Equal(new ImportError("$.product.brandId", "unknown brand B404"));
        await using var db = database.CreateContext();
        (await db.Products.AnyAsync(p => p.Asin == "B000000777")).Should().BeFalse();
    }
}
