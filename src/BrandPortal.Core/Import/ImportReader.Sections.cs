using System.Text.Json;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Import;

/// <summary>One reader per section of the import file: each checks its record's fields and builds the record.</summary>
public sealed partial class ImportReader
{
    private SellerRecord? ReadSeller(JsonElement e, string path)
    {
        var before = _errors.Count;
        OnlyFields(e, path, "id", "name", "plan", "standing");
        var id = Id(e, path, "id");
        var name = Text(e, path, "name", 200);
        var plan = Enum<SellerPlan>(e, path, "plan");
        var standing = Enum<AccountStanding>(e, path, "standing");
        return _errors.Count == before ? new SellerRecord(path, id!, name!, plan!.Value, standing!.Value) : null;
    }

    private BrandRecord? ReadBrand(JsonElement e, string path)
    {
        var before = _errors.Count;
        OnlyFields(e, path, "id", "name", "registered", "sellerIds");
        var id = Id(e, path, "id");
        var name = Text(e, path, "name", 200);
        var registered = Bool(e, path, "registered", required: true);
        var sellers = StringArray(e, path, "sellerIds");
        return _errors.Count == before ? new BrandRecord(path, id!, name!, registered, sellers) : null;
    }

    private UserRecord? ReadUser(JsonElement e, string path)
    {
        var before = _errors.Count;
        OnlyFields(e, path, "email", "password", "sellerId", "accountAdmin", "support", "brandRoles", "permissions");
        var email = Email(e, path, "email");
        var password = OptionalText(e, path, "password", 200);
        var sellerId = OptionalText(e, path, "sellerId", 64);
        var accountAdmin = Bool(e, path, "accountAdmin", required: false);
        var support = Bool(e, path, "support", required: false);
        if (support && sellerId is not null) Error($"{path}.sellerId", "a Support user belongs to no seller account: use null");
        if (!support && sellerId is null) Error($"{path}.sellerId", "required for a brand user (Support users set \"support\": true)");
        if (support && accountAdmin) Error($"{path}.accountAdmin", "a Support user cannot be an account administrator");

        var roles = new List<BrandRoleRecord>();
        if (e.TryGetProperty("brandRoles", out var rolesElement) && rolesElement.ValueKind != JsonValueKind.Null)
        {
            if (rolesElement.ValueKind != JsonValueKind.Array) Error($"{path}.brandRoles", "must be an array");
            else
            {
                var i = 0;
                foreach (var r in rolesElement.EnumerateArray())
                {
                    var rp = $"{path}.brandRoles[{i++}]";
                    if (r.ValueKind != JsonValueKind.Object) { Error(rp, "must be an object"); continue; }
                    OnlyFields(r, rp, "brandId", "role");
                    var brandId = Id(r, rp, "brandId");
                    var role = Enum<BrandRole>(r, rp, "role");
                    if (brandId is not null && role is not null)
                    {
                        if (roles.Contains(new BrandRoleRecord(brandId, role.Value))) Error(rp, "duplicate brand role");
                        else roles.Add(new BrandRoleRecord(brandId, role.Value));
                    }
                }
            }
        }
        if (support && roles.Count > 0) Error($"{path}.brandRoles", "a Support user holds no brand roles");

        var permissions = new Dictionary<Permission, PermissionLevel>();
        if (e.TryGetProperty("permissions", out var perms) && perms.ValueKind != JsonValueKind.Null)
        {
            if (perms.ValueKind != JsonValueKind.Object) Error($"{path}.permissions", "must be an object");
            else
            {
                foreach (var p in perms.EnumerateObject())
                {
                    var pp = $"{path}.permissions.{p.Name}";
                    if (!System.Enum.TryParse<Permission>(p.Name, ignoreCase: false, out var permission) || !System.Enum.IsDefined(permission))
                    {
                        Error(pp, $"unknown permission; use one of {string.Join(", ", System.Enum.GetNames<Permission>())}");
                        continue;
                    }
                    if (p.Value.ValueKind != JsonValueKind.String
                        || !System.Enum.TryParse<PermissionLevel>(p.Value.GetString(), ignoreCase: false, out var level)
                        || !System.Enum.IsDefined(level) || int.TryParse(p.Value.GetString(), out _))
                    {
                        Error(pp, "must be None, View or ViewAndEdit");
                        continue;
                    }
                    permissions[permission] = level;
                }
            }
        }
        if (support && permissions.Values.Any(l => l != PermissionLevel.None))
            Error($"{path}.permissions", "a Support user holds no seller account permissions");

        return _errors.Count == before
            ? new UserRecord(path, email!, password, sellerId, accountAdmin, support, roles, permissions)
            : null;
    }

    private CustomerRecord? ReadCustomer(JsonElement e, string path)
    {
        var before = _errors.Count;
        OnlyFields(e, path, "id", "name", "email", "password", "blockedBrandIds");
        var id = Id(e, path, "id");
        var name = Text(e, path, "name", 200);
        var email = Email(e, path, "email");
        var password = OptionalText(e, path, "password", 200);
        var blocked = StringArray(e, path, "blockedBrandIds");
        return _errors.Count == before ? new CustomerRecord(path, id!, name!, email!, password, blocked) : null;
    }

    private ProductRecord? ReadProduct(JsonElement e, string path)
    {
        var before = _errors.Count;
        OnlyFields(e, path, "asin", "brandId", "title");
        var asin = Asin(e, path, "asin");
        var brandId = Id(e, path, "brandId");
        var title = Text(e, path, "title", 500);
        return _errors.Count == before ? new ProductRecord(path, asin!, brandId!, title!) : null;
    }

    private OrderRecord? ReadOrder(JsonElement e, string path)
    {
        var before = _errors.Count;
        OnlyFields(e, path, "id", "customerId", "sellerId", "marketplace", "placedAt", "items");
        var id = Id(e, path, "id");
        var customerId = Id(e, path, "customerId");
        var sellerId = Id(e, path, "sellerId");
        var marketplace = Enum<Marketplace>(e, path, "marketplace");
        var placedAt = Date(e, path, "placedAt");
        var items = new List<OrderItemRecord>();
        if (!e.TryGetProperty("items", out var itemsElement) || itemsElement.ValueKind != JsonValueKind.Array)
            Error($"{path}.items", "required: an array of at least one item");
        else
        {
            var i = 0;
            foreach (var item in itemsElement.EnumerateArray())
            {
                var ip = $"{path}.items[{i++}]";
                if (item.ValueKind != JsonValueKind.Object) { Error(ip, "must be an object"); continue; }
                var itemBefore = _errors.Count;
                OnlyFields(item, ip, "asin", "quantity", "unitPrice", "currency");
                var asin = Asin(item, ip, "asin");
                var quantity = Integer(item, ip, "quantity", 1, 10_000);
                var price = Money(item, ip, "unitPrice");
                var currency = Currency(item, ip, "currency");
                if (_errors.Count == itemBefore)
                {
                    if (items.Any(x => x.Asin == asin)) Error($"{ip}.asin", $"product {asin} appears twice in this order");
                    else items.Add(new OrderItemRecord(asin!, quantity!.Value, price!.Value, currency!));
                }
            }
            if (i == 0) Error($"{path}.items", "an order needs at least one item");
        }
        return _errors.Count == before
            ? new OrderRecord(path, id!, customerId!, sellerId!, marketplace!.Value, placedAt!.Value, items)
            : null;
    }

    private ReviewRecord? ReadReview(JsonElement e, string path)
    {
        var before = _errors.Count;
        OnlyFields(e, path, "id", "asin", "customerId", "orderId", "rating", "title", "body", "createdAt", "verifiedPurchase");
        var id = Id(e, path, "id");
        var asin = Asin(e, path, "asin");
        var customerId = Id(e, path, "customerId");
        var orderId = OptionalText(e, path, "orderId", 64);
        var rating = Integer(e, path, "rating", 1, 5);
        var title = Text(e, path, "title", 500);
        var body = Text(e, path, "body", 20000, allowEmpty: true);
        var createdAt = Date(e, path, "createdAt");
        var verified = Bool(e, path, "verifiedPurchase", required: true);
        if (verified && orderId is null) Error($"{path}.orderId", "a verified purchase must name the order it was verified against");
        return _errors.Count == before
            ? new ReviewRecord(path, id!, asin!, customerId!, orderId, rating!.Value, title!, body!, createdAt!.Value, verified)
            : null;
    }
}
