using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Import;

/// <summary>
/// Applies a checked import file, one method per section, each over <see cref="UpsertAsync{TRecord, TEntity}"/>.
/// The rows a file names are loaded once, on first use, and shared: a section that refers to another (a brand's
/// sellers, a review's order) finds the rows that section loaded or added. Callers run the sections in the order of
/// <see cref="ImportService"/> inside one transaction, after <see cref="ImportReferences"/> found nothing wrong.
/// </summary>
internal sealed partial class ImportSections(BrandPortalDbContext db, ImportFile file)
{
    private readonly ImportNames _named = file.Names();
    private Dictionary<string, SellerAccount>? _sellers;
    private Dictionary<string, Brand>? _brands;
    private Dictionary<string, Customer>? _customers;
    private Dictionary<string, Product>? _products;
    private Dictionary<string, Order>? _orders;

    // A file that names no row of a table (a batch of orders and reviews names no brand) skips that table's read.
    private async Task<Dictionary<string, SellerAccount>> LoadSellersAsync(CancellationToken ct) => _sellers ??= _named.Sellers.Length == 0 ? [] :
        await db.SellerAccounts.Where(s => _named.Sellers.Contains(s.ExternalId)).ToDictionaryAsync(s => s.ExternalId, ct);

    private async Task<Dictionary<string, Brand>> LoadBrandsAsync(CancellationToken ct) => _brands ??= _named.Brands.Length == 0 ? [] :
        await db.Brands.Include(b => b.Sellers).Where(b => _named.Brands.Contains(b.ExternalId)).ToDictionaryAsync(b => b.ExternalId, ct);

    private async Task<Dictionary<string, Customer>> LoadCustomersAsync(CancellationToken ct) => _customers ??= _named.Customers.Length == 0 ? [] :
        await db.Customers.Where(c => _named.Customers.Contains(c.ExternalId)).ToDictionaryAsync(c => c.ExternalId, ct);

    private async Task<Dictionary<string, Product>> LoadProductsAsync(CancellationToken ct) => _products ??= _named.Asins.Length == 0 ? [] :
        await db.Products.Where(p => _named.Asins.Contains(p.Asin)).ToDictionaryAsync(p => p.Asin, ct);

    private async Task<Dictionary<string, Order>> LoadOrdersAsync(CancellationToken ct) => _orders ??= _named.Orders.Length == 0 ? [] :
        await db.Orders.Include(o => o.Items).Where(o => _named.Orders.Contains(o.ExternalId)).ToDictionaryAsync(o => o.ExternalId, ct);

    /// <summary>
    /// The one upsert of every section: each record finds its row by external id among <paramref name="rows"/>, or
    /// a new row is added (and joins <paramref name="rows"/> for the sections after); then the record is copied onto it.
    /// </summary>
    private async Task UpsertAsync<TRecord, TEntity>(IEnumerable<TRecord> records, Dictionary<string, TEntity> rows,
        Func<TRecord, string> externalId, Func<TRecord, TEntity> create, Action<TRecord, TEntity> copy, CancellationToken ct)
        where TEntity : class
    {
        foreach (var record in records)
        {
            if (!rows.TryGetValue(externalId(record), out var row))
            {
                row = create(record);
                db.Add(row);
                rows[externalId(record)] = row;
            }
            copy(record, row);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task SellersAsync(CancellationToken ct) => await UpsertAsync(file.Sellers, await LoadSellersAsync(ct), r => r.Id,
        r => new SellerAccount { ExternalId = r.Id, Name = r.Name },
        (r, s) =>
        {
            s.Name = r.Name;
            s.Plan = r.Plan;
            s.Standing = r.Standing;
        }, ct);

    public async Task BrandsAsync(CancellationToken ct)
    {
        var sellers = await LoadSellersAsync(ct);
        await UpsertAsync(file.Brands, await LoadBrandsAsync(ct), r => r.Id,
            r => new Brand { ExternalId = r.Id, Name = r.Name },
            (r, b) =>
            {
                b.Name = r.Name;
                b.Registered = r.Registered;
                var wanted = r.SellerIds.Select(id => sellers[id].Id).ToHashSet();
                b.Sellers.RemoveAll(bs => !wanted.Contains(bs.SellerAccountId));
                foreach (var id in wanted)
                    if (!b.Sellers.Any(bs => bs.SellerAccountId == id)) b.Sellers.Add(new BrandSeller { SellerAccountId = id });
            }, ct);
    }

    /// <summary>Customers, their sign-ins and their brand blocks.</summary>
    public async Task CustomersAsync(CancellationToken ct)
    {
        var customers = await LoadCustomersAsync(ct);
        await UpsertAsync(file.Customers, customers, r => r.Id,
            r => new Customer { ExternalId = r.Id, Name = r.Name, Email = r.Email },
            (r, c) =>
            {
                c.Name = r.Name;
                c.Email = r.Email;
            }, ct);
        await UpsertAsync(file.Customers, await LoadLoginsAsync(ct), r => r.Email.ToUpperInvariant(), r => NewLogin(r.Email),
            (r, user) =>
            {
                SetCredentials(user, r.Email, r.Password);
                user.Customer = customers[r.Id];
            }, ct);
        await BlocksAsync(customers, ct);
    }

    /// <summary>Blocks are added, never removed: a customer's own block in the Message Center outlives any import.</summary>
    private async Task BlocksAsync(Dictionary<string, Customer> customers, CancellationToken ct)
    {
        if (file.Customers.Count == 0) return;
        var brands = await LoadBrandsAsync(ct);
        var fileCustomers = file.Customers.Select(c => customers[c.Id].Id).ToArray();
        var blocks = (await db.CustomerBrandBlocks.Where(b => fileCustomers.Contains(b.CustomerId)).Select(b => new { b.CustomerId, b.BrandId }).ToListAsync(ct))
            .Select(b => (b.CustomerId, b.BrandId)).ToHashSet();
        foreach (var r in file.Customers)
            foreach (var brandId in r.BlockedBrandIds)
                if (blocks.Add((customers[r.Id].Id, brands[brandId].Id)))
                    db.CustomerBrandBlocks.Add(new CustomerBrandBlock
                    {
                        CustomerId = customers[r.Id].Id, BrandId = brands[brandId].Id, BlockedAt = DateTimeOffset.UtcNow,
                    });
        await db.SaveChangesAsync(ct);
    }

    public async Task ProductsAsync(CancellationToken ct)
    {
        var brands = await LoadBrandsAsync(ct);
        await UpsertAsync(file.Products, await LoadProductsAsync(ct), r => r.Asin,
            r => new Product { Asin = r.Asin, Title = r.Title },
            (r, p) =>
            {
                p.Title = r.Title;
                p.BrandId = brands[r.BrandId].Id;
            }, ct);
    }

    public async Task OrdersAsync(CancellationToken ct)
    {
        var (customers, sellers, products) = (await LoadCustomersAsync(ct), await LoadSellersAsync(ct), await LoadProductsAsync(ct));
        var orders = await LoadOrdersAsync(ct);
        var copied = await CopyNewOrdersAsync(orders, customers, sellers, products, ct);
        await UpsertAsync(file.Orders.Where(r => !copied.Contains(r.Id)), orders, r => r.Id,
            r => new Order { ExternalId = r.Id },
            (r, o) =>
            {
                o.CustomerId = customers[r.CustomerId].Id;
                o.SellerAccountId = sellers[r.SellerId].Id;
                o.Marketplace = r.Marketplace;
                o.PlacedAt = r.PlacedAt;
                var wanted = r.Items.ToDictionary(i => products[i.Asin].Id);
                o.Items.RemoveAll(i => !wanted.ContainsKey(i.ProductId));
                foreach (var (productId, item) in wanted)
                {
                    var existing = o.Items.FirstOrDefault(i => i.ProductId == productId);
                    if (existing is null) o.Items.Add(existing = new OrderItem { ProductId = productId, Currency = item.Currency });
                    existing.Quantity = item.Quantity;
                    existing.UnitPrice = item.UnitPrice;
                    existing.Currency = item.Currency;
                }
            }, ct);
    }

    public async Task ReviewsAsync(CancellationToken ct)
    {
        var (customers, products, orders) = (await LoadCustomersAsync(ct), await LoadProductsAsync(ct), await LoadOrdersAsync(ct));
        var reviewIds = file.Reviews.Select(r => r.Id).ToList();
        var reviews = await db.Reviews.Where(r => reviewIds.Contains(r.ExternalId)).ToDictionaryAsync(r => r.ExternalId, ct);
        var added = file.Reviews.Where(r => !reviews.ContainsKey(r.Id)).Select(r => r.Id).ToHashSet(); // before the copy and the upsert add them
        await KeepEarlierVersionsAsync(reviews, ct);
        var copied = await CopyNewReviewsAsync(reviews, customers, products, orders, ct);
        await UpsertAsync(file.Reviews.Where(r => !copied.Contains(r.Id)), reviews, r => r.Id,
            r => new Review { ExternalId = r.Id, Title = r.Title, Body = r.Body },
            (r, v) =>
            {
                var product = products[r.Asin];
                v.ProductId = product.Id;
                v.BrandId = product.BrandId;
                v.CustomerId = customers[r.CustomerId].Id;
                v.OrderId = r.OrderId is null ? null : orders[r.OrderId].Id;
                v.Rating = (short)r.Rating;
                v.Title = r.Title;
                v.Body = r.Body;
                v.CreatedAt = r.CreatedAt;
                v.VerifiedPurchase = r.VerifiedPurchase;
            }, ct);
        await Webhooks.ReviewEvents.AddCriticalCreatedAsync(db, file.Reviews.Where(r => added.Contains(r.Id)).Select(r =>
        {
            var v = reviews[r.Id];
            return new Webhooks.AddedReview(v.Id, r.Id, v.Rating, v.Title, v.BrandId, r.Asin, r.CustomerId, r.OrderId, v.CreatedAt);
        }).ToList(), ct);
        await db.SaveChangesAsync(ct);
    }
}
