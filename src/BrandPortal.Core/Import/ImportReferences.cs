using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Import;

/// <summary>
/// The checks between records: duplicates within the file, references to records of other sections (in the file or
/// already in the database) and sign-in emails. One method per section; every problem is reported with its JSON path.
/// </summary>
internal sealed class ImportReferences
{
    private readonly List<ImportError> _errors = [];
    private readonly ImportFile _file;
    private HashSet<string> _sellerIds = [], _brandIds = [], _customerIds = [], _asins = [];
    private List<Login> _logins = [];
    private List<CustomerLogin> _customerLogins = [];
    private Dictionary<string, (string CustomerId, HashSet<string> Asins)> _orders = [];

    private sealed record Login(string? NormalizedEmail, long? CustomerId);
    private sealed record CustomerLogin(string? NormalizedEmail, string ExternalId);

    private ImportReferences(ImportFile file) => _file = file;

    public static async Task<List<ImportError>> CheckAsync(BrandPortalDbContext db, ImportFile file, CancellationToken ct)
    {
        var check = new ImportReferences(file);
        await check.LoadKnownAsync(db, ct);
        check.Sellers();
        check.Brands();
        check.Users();
        check.Customers();
        check.Products();
        check.Orders();
        check.Reviews();
        return check._errors;
    }

    /// <summary>What a record may refer to: the ids of the file, and those the database already knows (earlier imports).</summary>
    private async Task LoadKnownAsync(BrandPortalDbContext db, CancellationToken ct)
    {
        var named = _file.Names();
        // Only the tables the file names are read: a batch of orders and reviews costs four reads here, not six.
        if (named.Sellers.Length > 0)
            _sellerIds = [.. _file.Sellers.Select(s => s.Id), .. await db.SellerAccounts.Where(s => named.Sellers.Contains(s.ExternalId)).Select(s => s.ExternalId).ToListAsync(ct)];
        if (named.Brands.Length > 0)
            _brandIds = [.. _file.Brands.Select(b => b.Id), .. await db.Brands.Where(b => named.Brands.Contains(b.ExternalId)).Select(b => b.ExternalId).ToListAsync(ct)];
        if (named.Customers.Length > 0)
            _customerIds = [.. _file.Customers.Select(c => c.Id), .. await db.Customers.Where(c => named.Customers.Contains(c.ExternalId)).Select(c => c.ExternalId).ToListAsync(ct)];
        if (named.Asins.Length > 0)
            _asins = [.. _file.Products.Select(p => p.Asin), .. await db.Products.Where(p => named.Asins.Contains(p.Asin)).Select(p => p.Asin).ToListAsync(ct)];

        if (named.Emails.Length > 0)
        {
            _logins = await db.Users.Where(u => named.Emails.Contains(u.NormalizedEmail!))
                .Select(u => new Login(u.NormalizedEmail, u.CustomerId)).ToListAsync(ct);
            _customerLogins = await db.Users.Where(u => u.CustomerId != null && named.Emails.Contains(u.NormalizedEmail!))
                .Join(db.Customers, u => u.CustomerId, c => c.Id, (u, c) => new CustomerLogin(u.NormalizedEmail, c.ExternalId)).ToListAsync(ct);
        }

        _orders = _file.Orders.ToDictionary(o => o.Id, o => (o.CustomerId, Asins: o.Items.Select(i => i.Asin).ToHashSet()));
        // Orders already in the database that reviews of this file refer to.
        var dbOrderIds = _file.Reviews.Where(r => r.OrderId is not null && !_orders.ContainsKey(r.OrderId)).Select(r => r.OrderId!).Distinct().ToList();
        if (dbOrderIds.Count == 0) return;
        var dbOrders = await db.Orders.Where(o => dbOrderIds.Contains(o.ExternalId))
            .Select(o => new
            {
                o.ExternalId,
                Customer = db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.ExternalId).First(),
                Asins = o.Items.Select(i => db.Products.Where(p => p.Id == i.ProductId).Select(p => p.Asin).First()).ToList(),
            }).ToListAsync(ct);
        foreach (var o in dbOrders) _orders[o.ExternalId] = (o.Customer, o.Asins.ToHashSet());
    }

    private void Error(string path, string message) => _errors.Add(new ImportError(path, message));

    private void Unique<T>(IEnumerable<T> records, Func<T, string> key, Func<T, string> path, string field, string what,
        StringComparer? comparer = null)
    {
        var seen = new HashSet<string>(comparer ?? StringComparer.Ordinal);
        foreach (var r in records)
            if (!seen.Add(key(r))) Error($"{path(r)}.{field}", $"duplicate {what} {key(r)}");
    }

    private bool SignsIn(string email) => _logins.Any(l => l.NormalizedEmail == email.ToUpperInvariant());

    private void Sellers() => Unique(_file.Sellers, s => s.Id, s => s.Path, "id", "seller id");

    private void Brands()
    {
        Unique(_file.Brands, b => b.Id, b => b.Path, "id", "brand id");
        foreach (var b in _file.Brands)
            for (var i = 0; i < b.SellerIds.Count; i++)
                if (!_sellerIds.Contains(b.SellerIds[i])) Error($"{b.Path}.sellerIds[{i}]", $"unknown seller {b.SellerIds[i]}");
    }

    private void Users()
    {
        Unique(_file.Users, u => u.Email, u => u.Path, "email", "user email", StringComparer.OrdinalIgnoreCase);
        var customerEmails = _file.Customers.Select(c => c.Email.ToUpperInvariant()).ToHashSet();
        foreach (var u in _file.Users)
        {
            if (customerEmails.Contains(u.Email.ToUpperInvariant()))
                Error($"{u.Path}.email", $"{u.Email} is also a customer's email; one sign-in cannot be both");
            else if (_logins.Any(l => l.NormalizedEmail == u.Email.ToUpperInvariant() && l.CustomerId != null))
                Error($"{u.Path}.email", $"{u.Email} already signs in as a customer");
        }
        foreach (var u in _file.Users)
        {
            if (u.SellerId is not null && !_sellerIds.Contains(u.SellerId))
                Error($"{u.Path}.sellerId", $"unknown seller {u.SellerId}");
            for (var i = 0; i < u.BrandRoles.Count; i++)
                if (!_brandIds.Contains(u.BrandRoles[i].BrandId))
                    Error($"{u.Path}.brandRoles[{i}].brandId", $"unknown brand {u.BrandRoles[i].BrandId}");
            if (!SignsIn(u.Email) && u.Password is null)
                Error($"{u.Path}.password", "required for a new user");
        }
    }

    private void Customers()
    {
        Unique(_file.Customers, c => c.Id, c => c.Path, "id", "customer id");
        Unique(_file.Customers, c => c.Email, c => c.Path, "email", "customer email", StringComparer.OrdinalIgnoreCase);
        foreach (var c in _file.Customers)
        {
            var existing = _logins.FirstOrDefault(l => l.NormalizedEmail == c.Email.ToUpperInvariant());
            if (existing is not null && existing.CustomerId is null)
                Error($"{c.Path}.email", $"{c.Email} already signs in as a brand or Support user");
            else if (_customerLogins.FirstOrDefault(x => x.NormalizedEmail == c.Email.ToUpperInvariant()) is { } owner && owner.ExternalId != c.Id)
                Error($"{c.Path}.email", $"{c.Email} belongs to customer {owner.ExternalId}");
        }
        foreach (var c in _file.Customers)
            for (var i = 0; i < c.BlockedBrandIds.Count; i++)
                if (!_brandIds.Contains(c.BlockedBrandIds[i]))
                    Error($"{c.Path}.blockedBrandIds[{i}]", $"unknown brand {c.BlockedBrandIds[i]}");
        foreach (var c in _file.Customers)
            if (c.Password is null && !SignsIn(c.Email))
                Error($"{c.Path}.password", "required for a new customer");
    }

    private void Products()
    {
        Unique(_file.Products, p => p.Asin, p => p.Path, "asin", "ASIN");
        foreach (var p in _file.Products)
            if (!_brandIds.Contains(p.BrandId)) Error($"{p.Path}.brandId", $"unknown brand {p.BrandId}");
    }

    private void Orders()
    {
        Unique(_file.Orders, o => o.Id, o => o.Path, "id", "order id");
        foreach (var o in _file.Orders)
        {
            if (!_customerIds.Contains(o.CustomerId)) Error($"{o.Path}.customerId", $"unknown customer {o.CustomerId}");
            if (!_sellerIds.Contains(o.SellerId)) Error($"{o.Path}.sellerId", $"unknown seller {o.SellerId}");
            for (var i = 0; i < o.Items.Count; i++)
                if (!_asins.Contains(o.Items[i].Asin)) Error($"{o.Path}.items[{i}].asin", $"unknown product {o.Items[i].Asin}");
        }
    }

    private void Reviews()
    {
        Unique(_file.Reviews, r => r.Id, r => r.Path, "id", "review id");
        foreach (var r in _file.Reviews)
        {
            if (!_asins.Contains(r.Asin)) Error($"{r.Path}.asin", $"unknown product {r.Asin}");
            if (!_customerIds.Contains(r.CustomerId)) Error($"{r.Path}.customerId", $"unknown customer {r.CustomerId}");
            if (r.OrderId is null) continue;
            if (!_orders.TryGetValue(r.OrderId, out var order))
                Error($"{r.Path}.orderId", $"unknown order {r.OrderId}");
            else
            {
                if (!order.Asins.Contains(r.Asin))
                    Error($"{r.Path}.orderId", $"order {r.OrderId} does not contain product {r.Asin}");
                if (order.CustomerId != r.CustomerId)
                    Error($"{r.Path}.orderId", $"order {r.OrderId} was placed by customer {order.CustomerId}, not {r.CustomerId}");
            }
        }
    }
}
