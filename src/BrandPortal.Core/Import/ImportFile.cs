using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Import;

/// <summary>An import file after parsing (docs/PRODUCT.md#import-format). Every record keeps its JSON path for error messages.</summary>
public sealed record ImportFile(
    IReadOnlyList<SellerRecord> Sellers,
    IReadOnlyList<BrandRecord> Brands,
    IReadOnlyList<UserRecord> Users,
    IReadOnlyList<CustomerRecord> Customers,
    IReadOnlyList<ProductRecord> Products,
    IReadOnlyList<OrderRecord> Orders,
    IReadOnlyList<ReviewRecord> Reviews)
{
    /// <summary>A file with no records: the start of a one-record file (<c>Empty with { Products = [product] }</c>).</summary>
    public static ImportFile Empty { get; } = new([], [], [], [], [], [], []);

    /// <summary>Every external id the file defines or refers to: what the database is asked about, and nothing else.</summary>
    internal ImportNames Names() => ImportNames.In(this);
}

internal sealed record ImportNames(string[] Sellers, string[] Brands, string[] Customers, string[] Asins, string[] Orders, string[] Emails)
{
    public static ImportNames In(ImportFile f) => new(
        f.Sellers.Select(x => x.Id).Concat(f.Brands.SelectMany(b => b.SellerIds))
            .Concat(f.Users.Where(u => u.SellerId is not null).Select(u => u.SellerId!)).Concat(f.Orders.Select(o => o.SellerId)).Distinct().ToArray(),
        f.Brands.Select(x => x.Id).Concat(f.Users.SelectMany(u => u.BrandRoles.Select(r => r.BrandId)))
            .Concat(f.Products.Select(p => p.BrandId)).Concat(f.Customers.SelectMany(c => c.BlockedBrandIds)).Distinct().ToArray(),
        f.Customers.Select(x => x.Id).Concat(f.Orders.Select(o => o.CustomerId)).Concat(f.Reviews.Select(r => r.CustomerId)).Distinct().ToArray(),
        f.Products.Select(x => x.Asin).Concat(f.Orders.SelectMany(o => o.Items.Select(i => i.Asin))).Concat(f.Reviews.Select(r => r.Asin)).Distinct().ToArray(),
        f.Orders.Select(o => o.Id).Concat(f.Reviews.Where(r => r.OrderId != null).Select(r => r.OrderId!)).Distinct().ToArray(),
        // Sign-ins are found by normalized email; a user's and a customer's never share one (the checks refuse it).
        f.Users.Select(u => u.Email.ToUpperInvariant()).Concat(f.Customers.Select(c => c.Email.ToUpperInvariant())).ToArray());
}

public sealed record SellerRecord(string Path, string Id, string Name, SellerPlan Plan, AccountStanding Standing);

public sealed record BrandRecord(string Path, string Id, string Name, bool Registered, IReadOnlyList<string> SellerIds);

public sealed record BrandRoleRecord(string BrandId, BrandRole Role);

public sealed record UserRecord(
    string Path, string Email, string? Password, string? SellerId, bool AccountAdmin, bool Support,
    IReadOnlyList<BrandRoleRecord> BrandRoles, IReadOnlyDictionary<Permission, PermissionLevel> Permissions);

public sealed record CustomerRecord(string Path, string Id, string Name, string Email, string? Password, IReadOnlyList<string> BlockedBrandIds);

public sealed record ProductRecord(string Path, string Asin, string BrandId, string Title);

public sealed record OrderItemRecord(string Asin, int Quantity, decimal UnitPrice, string Currency);

public sealed record OrderRecord(
    string Path, string Id, string CustomerId, string SellerId, Marketplace Marketplace, DateTimeOffset PlacedAt,
    IReadOnlyList<OrderItemRecord> Items);

public sealed record ReviewRecord(
    string Path, string Id, string Asin, string CustomerId, string? OrderId, int Rating, string Title, string Body,
    DateTimeOffset CreatedAt, bool VerifiedPurchase);

/// <summary>One problem with one record, located by its JSON path (e.g. <c>$.reviews[3].rating</c>).</summary>
public sealed record ImportError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

public sealed record ImportSummary(int Sellers, int Brands, int Users, int Customers, int Products, int Orders, int Reviews)
{
    public override string ToString() =>
        $"{Sellers} sellers, {Brands} brands, {Users} users, {Customers} customers, {Products} products, {Orders} orders, {Reviews} reviews";
}

public sealed record ImportResult(IReadOnlyList<ImportError> Errors, ImportSummary? Applied)
{
    public bool Succeeded => Errors.Count == 0;
}
