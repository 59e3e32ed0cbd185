using System.ComponentModel;
using System.Text.Json.Serialization;
using BrandPortal.Core.Data;
using BrandPortal.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Api;

// The records of the import format as the ingest API takes and answers them. ImportReader reads the requests (these
// types describe them in the OpenAPI document); StoredRecords reads the answers back from the database.

public sealed record ApiSellerRecord(string Id, string Name, [property: Description("Individual or Professional")] string Plan,
    [property: Description("Good, AtRisk or Deactivated")] string Standing);

public sealed record ApiBrandRecord(string Id, string Name, bool Registered, IReadOnlyList<string> SellerIds);

public sealed record ApiCustomerRecord(string Id, string Name, string Email,
    [property: Description("Required for a new customer; never answered."), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Password,
    [property: Description("Brands the customer blocked; blocks are added, never removed.")] IReadOnlyList<string> BlockedBrandIds);

public sealed record ApiProductRecord(string Asin, string BrandId, string Title);

public sealed record ApiOrderItemRecord(string Asin, int Quantity, decimal UnitPrice, string Currency);

public sealed record ApiOrderRecord(string Id, string CustomerId, string SellerId, [property: Description("US, UK, DE, FR, ES or JP")] string Marketplace,
    DateTimeOffset PlacedAt, IReadOnlyList<ApiOrderItemRecord> Items);

public sealed record ApiReviewRecord(string Id, string Asin, string CustomerId, string? OrderId, int Rating, string Title, string Body,
    DateTimeOffset CreatedAt, bool VerifiedPurchase);

/// <summary>A whole import file, as <c>POST /api/v1/import</c> takes it (users are made in the portal or with the CLI).</summary>
public sealed record ApiImportFile(IReadOnlyList<ApiSellerRecord>? Sellers, IReadOnlyList<ApiBrandRecord>? Brands,
    IReadOnlyList<ApiCustomerRecord>? Customers, IReadOnlyList<ApiProductRecord>? Products, IReadOnlyList<ApiOrderRecord>? Orders,
    IReadOnlyList<ApiReviewRecord>? Reviews);

/// <summary>What an import applied: records per section (users are never ingested by the API).</summary>
public sealed record ApiImportCounts(int Sellers, int Brands, int Customers, int Products, int Orders, int Reviews);

/// <summary>A record as the database holds it, by external id, in the shape of the import format.</summary>
internal static class StoredRecords
{
    public static async Task<object?> GetAsync(BrandPortalDbContext db, ImportSection section, string id, CancellationToken ct) => section switch
    {
        ImportSection.Sellers => await db.SellerAccounts.AsNoTracking().Where(s => s.ExternalId == id)
            .Select(s => new ApiSellerRecord(s.ExternalId, s.Name, s.Plan.ToString(), s.Standing.ToString())).SingleOrDefaultAsync(ct),
        ImportSection.Brands => await db.Brands.AsNoTracking().Where(b => b.ExternalId == id)
            .Select(b => new ApiBrandRecord(b.ExternalId, b.Name, b.Registered,
                b.Sellers.OrderBy(x => x.SellerAccount!.ExternalId).Select(x => x.SellerAccount!.ExternalId).ToList())).SingleOrDefaultAsync(ct),
        ImportSection.Customers => await db.Customers.AsNoTracking().Where(c => c.ExternalId == id)
            .Select(c => new ApiCustomerRecord(c.ExternalId, c.Name, c.Email, null,
                db.CustomerBrandBlocks.Where(x => x.CustomerId == c.Id).Join(db.Brands, x => x.BrandId, b => b.Id, (x, b) => b.ExternalId)
                    .OrderBy(x => x).ToList())).SingleOrDefaultAsync(ct),
        ImportSection.Products => await db.Products.AsNoTracking().Where(p => p.Asin == id)
            .Select(p => new ApiProductRecord(p.Asin, p.Brand!.ExternalId, p.Title)).SingleOrDefaultAsync(ct),
        ImportSection.Orders => await db.Orders.AsNoTracking().Where(o => o.ExternalId == id)
            .Select(o => new ApiOrderRecord(o.ExternalId,
                db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.ExternalId).First(),
                db.SellerAccounts.Where(s => s.Id == o.SellerAccountId).Select(s => s.ExternalId).First(),
                o.Marketplace.ToString(), o.PlacedAt,
                o.Items.OrderBy(i => i.Id).Select(i => new ApiOrderItemRecord(
                    db.Products.Where(p => p.Id == i.ProductId).Select(p => p.Asin).First(), i.Quantity, i.UnitPrice, i.Currency)).ToList()))
            .SingleOrDefaultAsync(ct),
        ImportSection.Reviews => await db.Reviews.AsNoTracking().Where(r => r.ExternalId == id)
            .Select(r => new ApiReviewRecord(r.ExternalId, r.Product!.Asin,
                db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.ExternalId).First(),
                r.Order == null ? null : r.Order.ExternalId, r.Rating, r.Title, r.Body, r.CreatedAt, r.VerifiedPurchase))
            .SingleOrDefaultAsync(ct),
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };
}
