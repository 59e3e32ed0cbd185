using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Import;

/// <summary>
/// Loads or updates data by external id (docs/PRODUCT.md#import-format): the whole file is validated first, against itself and
/// against what the database already holds, and then applied in one transaction, so a bad file changes nothing.
/// Importing the same file twice changes nothing the second time.
/// </summary>
public sealed class ImportService(BrandPortalDbContext db)
{
    private static PasswordHasher<PortalUser> Hasher => Access.PasswordHashing.Hasher;

    public async Task<ImportResult> ImportAsync(string json, CancellationToken ct = default)
    {
        var (file, errors) = ImportReader.Read(json);
        if (file is null) return new ImportResult(errors, null);

        var referenceErrors = await ValidateReferencesAsync(file, ct);
        if (referenceErrors.Count > 0) return new ImportResult(referenceErrors, null);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ApplyAsync(file, ct);
        await tx.CommitAsync(ct);
        return new ImportResult([], new ImportSummary(file.Sellers.Count, file.Brands.Count, file.Users.Count,
            file.Customers.Count, file.Products.Count, file.Orders.Count, file.Reviews.Count));
    }

    /// <summary>Every external id the file defines or refers to: what the database is asked about, and nothing else.</summary>
    private sealed record Named(string[] Sellers, string[] Brands, string[] Customers, string[] Asins)
    {
        public static Named In(ImportFile f) => new(
            f.Sellers.Select(x => x.Id).Concat(f.Brands.SelectMany(b => b.SellerIds))
                .Concat(f.Users.Where(u => u.SellerId is not null).Select(u => u.SellerId!)).Concat(f.Orders.Select(o => o.SellerId)).Distinct().ToArray(),
            f.Brands.Select(x => x.Id).Concat(f.Users.SelectMany(u => u.BrandRoles.Select(r => r.BrandId)))
                .Concat(f.Products.Select(p => p.BrandId)).Concat(f.Customers.SelectMany(c => c.BlockedBrandIds)).Distinct().ToArray(),
            f.Customers.Select(x => x.Id).Concat(f.Orders.Select(o => o.CustomerId)).Concat(f.Reviews.Select(r => r.CustomerId)).Distinct().ToArray(),
            f.Products.Select(x => x.Asin).Concat(f.Orders.SelectMany(o => o.Items.Select(i => i.Asin))).Concat(f.Reviews.Select(r => r.Asin)).Distinct().ToArray());
    }

    private async Task<List<ImportError>> ValidateReferencesAsync(ImportFile file, CancellationToken ct)
    {
        var named = Named.In(file);
        var errors = new List<ImportError>();

        HashSet<string> Unique<T>(IEnumerable<T> records, Func<T, string> key, Func<T, string> path, string field, string what,
            StringComparer? comparer = null)
        {
            var seen = new HashSet<string>(comparer ?? StringComparer.Ordinal);
            foreach (var r in records)
                if (!seen.Add(key(r))) errors.Add(new ImportError($"{path(r)}.{field}", $"duplicate {what} {key(r)}"));
            return seen;
        }

        var sellerIds = Unique(file.Sellers, s => s.Id, s => s.Path, "id", "seller id");
        var brandIds = Unique(file.Brands, b => b.Id, b => b.Path, "id", "brand id");
        Unique(file.Users, u => u.Email, u => u.Path, "email", "user email", StringComparer.OrdinalIgnoreCase);
        var customerIds = Unique(file.Customers, c => c.Id, c => c.Path, "id", "customer id");
        Unique(file.Customers, c => c.Email, c => c.Path, "email", "customer email", StringComparer.OrdinalIgnoreCase);
        var asins = Unique(file.Products, p => p.Asin, p => p.Path, "asin", "ASIN");
        var orderIds = Unique(file.Orders, o => o.Id, o => o.Path, "id", "order id");
        Unique(file.Reviews, r => r.Id, r => r.Path, "id", "review id");

        // What the database already knows counts as well: a file may refer to earlier imports.
        sellerIds.UnionWith(await db.SellerAccounts.Where(s => named.Sellers.Contains(s.ExternalId)).Select(s => s.ExternalId).ToListAsync(ct));
        brandIds.UnionWith(await db.Brands.Where(b => named.Brands.Contains(b.ExternalId)).Select(b => b.ExternalId).ToListAsync(ct));
        customerIds.UnionWith(await db.Customers.Where(c => named.Customers.Contains(c.ExternalId)).Select(c => c.ExternalId).ToListAsync(ct));

        var fileEmails = file.Users.Select(u => u.Email.ToUpperInvariant())
            .Concat(file.Customers.Select(c => c.Email.ToUpperInvariant())).ToList();
        var existingLogins = await db.Users.Where(u => fileEmails.Contains(u.NormalizedEmail!))
            .Select(u => new { u.NormalizedEmail, u.CustomerId, u.SellerAccountId, u.IsSupport }).ToListAsync(ct);
        var existingCustomerEmails = await db.Users.Where(u => u.CustomerId != null && fileEmails.Contains(u.NormalizedEmail!))
            .Join(db.Customers, u => u.CustomerId, c => c.Id, (u, c) => new { u.NormalizedEmail, c.ExternalId }).ToListAsync(ct);

        var customerEmails = file.Customers.ToDictionary(c => c.Email.ToUpperInvariant(), c => c.Id);
        foreach (var u in file.Users)
        {
            if (customerEmails.ContainsKey(u.Email.ToUpperInvariant()))
                errors.Add(new ImportError($"{u.Path}.email", $"{u.Email} is also a customer's email; one sign-in cannot be both"));
            else if (existingLogins.Any(l => l.NormalizedEmail == u.Email.ToUpperInvariant() && l.CustomerId != null))
                errors.Add(new ImportError($"{u.Path}.email", $"{u.Email} already signs in as a customer"));
        }
        foreach (var c in file.Customers)
        {
            var existing = existingLogins.FirstOrDefault(l => l.NormalizedEmail == c.Email.ToUpperInvariant());
            if (existing is not null && existing.CustomerId is null)
                errors.Add(new ImportError($"{c.Path}.email", $"{c.Email} already signs in as a brand or Support user"));
            else if (existingCustomerEmails.FirstOrDefault(x => x.NormalizedEmail == c.Email.ToUpperInvariant()) is { } owner && owner.ExternalId != c.Id)
                errors.Add(new ImportError($"{c.Path}.email", $"{c.Email} belongs to customer {owner.ExternalId}"));
        }

        foreach (var b in file.Brands)
            for (var i = 0; i < b.SellerIds.Count; i++)
                if (!sellerIds.Contains(b.SellerIds[i])) errors.Add(new ImportError($"{b.Path}.sellerIds[{i}]", $"unknown seller {b.SellerIds[i]}"));

        var newUserEmails = file.Users.Select(u => u.Email.ToUpperInvariant())
            .Except(existingLogins.Select(l => l.NormalizedEmail!)).ToHashSet();
        foreach (var u in file.Users)
        {
            if (u.SellerId is not null && !sellerIds.Contains(u.SellerId))
                errors.Add(new ImportError($"{u.Path}.sellerId", $"unknown seller {u.SellerId}"));
            for (var i = 0; i < u.BrandRoles.Count; i++)
                if (!brandIds.Contains(u.BrandRoles[i].BrandId))
                    errors.Add(new ImportError($"{u.Path}.brandRoles[{i}].brandId", $"unknown brand {u.BrandRoles[i].BrandId}"));
            if (newUserEmails.Contains(u.Email.ToUpperInvariant()) && u.Password is null)
                errors.Add(new ImportError($"{u.Path}.password", "required for a new user"));
        }
        foreach (var c in file.Customers)
            for (var i = 0; i < c.BlockedBrandIds.Count; i++)
                if (!brandIds.Contains(c.BlockedBrandIds[i]))
                    errors.Add(new ImportError($"{c.Path}.blockedBrandIds[{i}]", $"unknown brand {c.BlockedBrandIds[i]}"));
        foreach (var c in file.Customers)
            if (c.Password is null && !existingLogins.Any(l => l.NormalizedEmail == c.Email.ToUpperInvariant()))
                errors.Add(new ImportError($"{c.Path}.password", "required for a new customer"));

        asins.UnionWith(await db.Products.Where(p => named.Asins.Contains(p.Asin)).Select(p => p.Asin).ToListAsync(ct));
        foreach (var p in file.Products)
            if (!brandIds.Contains(p.BrandId)) errors.Add(new ImportError($"{p.Path}.brandId", $"unknown brand {p.BrandId}"));

        var orderItems = file.Orders.ToDictionary(o => o.Id, o => (o.CustomerId, Asins: o.Items.Select(i => i.Asin).ToHashSet()));
        foreach (var o in file.Orders)
        {
            if (!customerIds.Contains(o.CustomerId)) errors.Add(new ImportError($"{o.Path}.customerId", $"unknown customer {o.CustomerId}"));
            if (!sellerIds.Contains(o.SellerId)) errors.Add(new ImportError($"{o.Path}.sellerId", $"unknown seller {o.SellerId}"));
            for (var i = 0; i < o.Items.Count; i++)
                if (!asins.Contains(o.Items[i].Asin)) errors.Add(new ImportError($"{o.Path}.items[{i}].asin", $"unknown product {o.Items[i].Asin}"));
        }

        // Orders already in the database that reviews of this file refer to.
        var referencedDbOrders = file.Reviews.Where(r => r.OrderId is not null && !orderItems.ContainsKey(r.OrderId)).Select(r => r.OrderId!).Distinct().ToList();
        if (referencedDbOrders.Count > 0)
        {
            var dbOrders = await db.Orders.Where(o => referencedDbOrders.Contains(o.ExternalId))
                .Select(o => new
                {
                    o.ExternalId,
                    Customer = db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.ExternalId).First(),
                    Asins = o.Items.Select(i => db.Products.Where(p => p.Id == i.ProductId).Select(p => p.Asin).First()).ToList(),
                }).ToListAsync(ct);
            foreach (var o in dbOrders) orderItems[o.ExternalId] = (o.Customer, o.Asins.ToHashSet());
        }

        foreach (var r in file.Reviews)
        {
            if (!asins.Contains(r.Asin)) errors.Add(new ImportError($"{r.Path}.asin", $"unknown product {r.Asin}"));
            if (!customerIds.Contains(r.CustomerId)) errors.Add(new ImportError($"{r.Path}.customerId", $"unknown customer {r.CustomerId}"));
            if (r.OrderId is null) continue;
            if (!orderItems.TryGetValue(r.OrderId, out var order))
                errors.Add(new ImportError($"{r.Path}.orderId", $"unknown order {r.OrderId}"));
            else
            {
                if (!order.Asins.Contains(r.Asin))
                    errors.Add(new ImportError($"{r.Path}.orderId", $"order {r.OrderId} does not contain product {r.Asin}"));
                if (order.CustomerId != r.CustomerId)
                    errors.Add(new ImportError($"{r.Path}.orderId", $"order {r.OrderId} was placed by customer {order.CustomerId}, not {r.CustomerId}"));
            }
        }
        return errors;
    }

    private async Task ApplyAsync(ImportFile file, CancellationToken ct)
    {
        var named = Named.In(file);
        var sellers = await db.SellerAccounts.Where(s => named.Sellers.Contains(s.ExternalId)).ToDictionaryAsync(s => s.ExternalId, ct);
        foreach (var r in file.Sellers)
        {
            if (!sellers.TryGetValue(r.Id, out var s))
            {
                s = new SellerAccount { ExternalId = r.Id, Name = r.Name };
                db.SellerAccounts.Add(s);
                sellers[r.Id] = s;
            }
            s.Name = r.Name;
            s.Plan = r.Plan;
            s.Standing = r.Standing;
        }
        await db.SaveChangesAsync(ct);

        var brands = await db.Brands.Include(b => b.Sellers).Where(b => named.Brands.Contains(b.ExternalId)).ToDictionaryAsync(b => b.ExternalId, ct);
        foreach (var r in file.Brands)
        {
            if (!brands.TryGetValue(r.Id, out var b))
            {
                b = new Brand { ExternalId = r.Id, Name = r.Name };
                db.Brands.Add(b);
                brands[r.Id] = b;
            }
            b.Name = r.Name;
            b.Registered = r.Registered;
            var wanted = r.SellerIds.Select(id => sellers[id].Id).ToHashSet();
            b.Sellers.RemoveAll(bs => !wanted.Contains(bs.SellerAccountId));
            foreach (var id in wanted)
                if (!b.Sellers.Any(bs => bs.SellerAccountId == id)) b.Sellers.Add(new BrandSeller { SellerAccountId = id });
        }
        await db.SaveChangesAsync(ct);

        var customers = await db.Customers.Where(c => named.Customers.Contains(c.ExternalId)).ToDictionaryAsync(c => c.ExternalId, ct);
        foreach (var r in file.Customers)
        {
            if (!customers.TryGetValue(r.Id, out var c))
            {
                c = new Customer { ExternalId = r.Id, Name = r.Name, Email = r.Email };
                db.Customers.Add(c);
                customers[r.Id] = c;
            }
            c.Name = r.Name;
            c.Email = r.Email;
        }
        await db.SaveChangesAsync(ct);

        var emails = file.Users.Select(u => u.Email.ToUpperInvariant()).Concat(file.Customers.Select(c => c.Email.ToUpperInvariant())).ToList();
        var users = await db.Users.Include(u => u.Permissions).Include(u => u.BrandRoles)
            .Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, ct);
        foreach (var r in file.Users)
        {
            var user = Login(users, r.Email, r.Password);
            var accessBefore = AccessFingerprint(user);
            user.SellerAccountId = r.SellerId is null ? null : sellers[r.SellerId].Id;
            user.IsAccountAdmin = r.AccountAdmin;
            user.IsSupport = r.Support;
            var permissions = new Dictionary<Permission, PermissionLevel>(r.Permissions);
            if (r.AccountAdmin) permissions[Permission.UserPermissions] = PermissionLevel.ViewAndEdit;
            foreach (var p in Enum.GetValues<Permission>())
            {
                var level = permissions.GetValueOrDefault(p, PermissionLevel.None);
                var existing = user.Permissions.FirstOrDefault(x => x.Permission == p);
                if (level == PermissionLevel.None) { if (existing is not null) user.Permissions.Remove(existing); }
                else if (existing is null) user.Permissions.Add(new UserPermission { Permission = p, Level = level });
                else existing.Level = level;
            }
            var roles = r.BrandRoles.Select(x => (brands[x.BrandId].Id, x.Role)).ToHashSet();
            user.BrandRoles.RemoveAll(x => !roles.Contains((x.BrandId, x.Role)));
            foreach (var (brandId, role) in roles)
                if (!user.BrandRoles.Any(x => x.BrandId == brandId && x.Role == role))
                    user.BrandRoles.Add(new UserBrandRole { BrandId = brandId, Role = role });
            if (user.Id != 0 && AccessFingerprint(user) != accessBefore) user.AccessVersion++;
        }
        foreach (var r in file.Customers)
        {
            var user = Login(users, r.Email, r.Password);
            user.Customer = customers[r.Id];
        }
        await db.SaveChangesAsync(ct);

        // Blocks are added, never removed: a customer's own block in the Message Center outlives any import.
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

        var products = await db.Products.Where(p => named.Asins.Contains(p.Asin)).ToDictionaryAsync(p => p.Asin, ct);
        foreach (var r in file.Products)
        {
            if (!products.TryGetValue(r.Asin, out var p))
            {
                p = new Product { Asin = r.Asin, Title = r.Title };
                db.Products.Add(p);
                products[r.Asin] = p;
            }
            p.Title = r.Title;
            p.BrandId = brands[r.BrandId].Id;
        }
        await db.SaveChangesAsync(ct);

        var fileOrderIds = file.Orders.Select(o => o.Id).Concat(file.Reviews.Where(r => r.OrderId != null).Select(r => r.OrderId!)).Distinct().ToList();
        var orders = await db.Orders.Include(o => o.Items).Where(o => fileOrderIds.Contains(o.ExternalId)).ToDictionaryAsync(o => o.ExternalId, ct);
        foreach (var r in file.Orders)
        {
            if (!orders.TryGetValue(r.Id, out var o))
            {
                o = new Order { ExternalId = r.Id };
                db.Orders.Add(o);
                orders[r.Id] = o;
            }
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
        }
        await db.SaveChangesAsync(ct);

        var reviewIds = file.Reviews.Select(r => r.Id).ToList();
        var reviews = await db.Reviews.Where(r => reviewIds.Contains(r.ExternalId)).ToDictionaryAsync(r => r.ExternalId, ct);
        foreach (var r in file.Reviews)
        {
            if (!reviews.TryGetValue(r.Id, out var v))
            {
                v = new Review { ExternalId = r.Id, Title = r.Title, Body = r.Body };
                db.Reviews.Add(v);
            }
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
        }
        await db.SaveChangesAsync(ct);
    }

    private PortalUser Login(Dictionary<string, PortalUser> users, string email, string? password)
    {
        var normalized = email.ToUpperInvariant();
        if (!users.TryGetValue(normalized, out var user))
        {
            user = new PortalUser
            {
                UserName = email, NormalizedUserName = normalized, Email = email, NormalizedEmail = normalized,
                EmailConfirmed = true, LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            users[normalized] = user;
        }
        else if (user.Email != email)
        {
            user.Email = email;
            user.UserName = email;
        }
        // Re-hashing the same password would change the row on every import: only a different password is stored.
        if (password is not null && (user.PasswordHash is null
            || Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed))
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            // A new password ends the user's sessions, as it does in the portal (the stamp is checked on every request).
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        return user;
    }

    private static string AccessFingerprint(PortalUser u) =>
        $"{u.SellerAccountId}|{u.IsAccountAdmin}|{u.IsSupport}|" +
        string.Join(",", u.Permissions.OrderBy(p => p.Permission).Select(p => $"{p.Permission}={p.Level}")) + "|" +
        string.Join(",", u.BrandRoles.OrderBy(r => r.BrandId).ThenBy(r => r.Role).Select(r => $"{r.BrandId}:{r.Role}"));
}
