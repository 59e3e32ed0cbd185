using BrandPortal.Core.Import;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Import;

/// <summary>The reader refuses fields the format does not have, and reads one record on its own with its id given apart.</summary>
public sealed class ImportReaderFieldTests
{
    [Fact]
    public void Read_RecordsWithAMisspeltOrUnknownField_AreRefusedAtTheFieldsPath()
    {
        var (file, errors) = ImportReader.Read("""
            {"sellers": [{"id": "S1", "name": "Acme", "plan": "Professional", "standing": "Good", "plna": "Individual"}],
             "orders": [{"id": "O1", "customerId": "C1", "sellerId": "S1", "marketplace": "US", "placedAt": "2026-05-01T10:00:00Z",
                         "items": [{"asin": "B000000001", "quantity": 1, "unitPrice": 1, "currency": "USD", "discount": 1}]}]}
            """);

        file.Should().BeNull();
        errors.Select(e => e.Path).Should().Equal("$.sellers[0].plna", "$.orders[0].items[0].discount");
    }

    [Fact]
    public void ReadRecord_WithoutItsId_TakesTheGivenId_AndRefusesAnotherId()
    {
        var body = System.Text.Json.JsonDocument.Parse("""{"brandId": "B1", "title": "Kettle"}""").RootElement;
        var other = System.Text.Json.JsonDocument.Parse("""{"asin": "B000000002", "brandId": "B1", "title": "Kettle"}""").RootElement;

        var (file, errors) = ImportReader.ReadRecord(ImportSection.Products, "B000000001", body);
        var (_, refused) = ImportReader.ReadRecord(ImportSection.Products, "B000000001", other);

        errors.Should().BeEmpty();
        file!.Products.Should().Equal(new ProductRecord("$", "B000000001", "B1", "Kettle"));
        refused.Select(e => e.Path).Should().Equal("$.asin");
    }
}
