using System.Text.Json;
using System.Text.Json.Nodes;

namespace BrandPortal.Core.Import;

/// <summary>The sections of an import file.</summary>
public enum ImportSection { Sellers, Brands, Users, Customers, Products, Orders, Reviews }

/// <summary>One record on its own (the API's <c>PUT /api/v1/{section}/{id}</c>): the section's own reader, its id given apart.</summary>
public sealed partial class ImportReader
{
    /// <summary>The field that holds a section's id: an ASIN for products, <c>email</c> for users, <c>id</c> otherwise.</summary>
    public static string IdField(ImportSection section) => section switch
    {
        ImportSection.Products => "asin",
        ImportSection.Users => "email",
        _ => "id",
    };

    /// <summary>
    /// Reads <paramref name="body"/>, one record of <paramref name="section"/> at path <c>$</c>, whose id is
    /// <paramref name="id"/>: the body may leave its id out, but one that differs is refused. The answer is a file
    /// holding just that record, for <see cref="ImportService.ImportAsync(ImportFile, CancellationToken)"/>.
    /// </summary>
    public static (ImportFile? File, IReadOnlyList<ImportError> Errors) ReadRecord(ImportSection section, string id, JsonElement body)
    {
        var reader = new ImportReader();
        if (body.ValueKind != JsonValueKind.Object)
        {
            reader.Error("$", "must be a JSON object: one record");
            return (null, reader._errors);
        }
        var field = IdField(section);
        var record = body;
        if (body.TryGetProperty(field, out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (given.ValueKind != JsonValueKind.String || given.GetString() != id)
            {
                reader.Error($"$.{field}", $"must be {id}, the id in the URL, or be left out");
                return (null, reader._errors);
            }
        }
        else
        {
            var node = JsonObject.Create(body)!;
            node[field] = id;
            record = JsonSerializer.SerializeToElement(node);
        }
        var file = section switch
        {
            ImportSection.Sellers => reader.ReadSeller(record, "$") is { } r ? ImportFile.Empty with { Sellers = [r] } : null,
            ImportSection.Brands => reader.ReadBrand(record, "$") is { } r ? ImportFile.Empty with { Brands = [r] } : null,
            ImportSection.Users => reader.ReadUser(record, "$") is { } r ? ImportFile.Empty with { Users = [r] } : null,
            ImportSection.Customers => reader.ReadCustomer(record, "$") is { } r ? ImportFile.Empty with { Customers = [r] } : null,
            ImportSection.Products => reader.ReadProduct(record, "$") is { } r ? ImportFile.Empty with { Products = [r] } : null,
            ImportSection.Orders => reader.ReadOrder(record, "$") is { } r ? ImportFile.Empty with { Orders = [r] } : null,
            ImportSection.Reviews => reader.ReadReview(record, "$") is { } r ? ImportFile.Empty with { Reviews = [r] } : null,
            _ => throw new ArgumentOutOfRangeException(nameof(section)),
        };
        return (reader._errors.Count == 0 ? file : null, reader._errors);
    }
}
