using System.Text.Json.Nodes;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Import;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace BrandPortal.Core.Tests.Import;

public sealed class ImportServiceTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private const string Valid = """
    {
      "sellers":   [{"id": "S1", "name": "Acme Trading", "plan": "Professional", "standing": "Good"}],
      "brands":    [{"id": "B1", "name": "Acme", "registered": true, "sellerIds": ["S1"]}],
      "users":     [{"email": "rep@acme.test", "password": "a-long-password-1", "sellerId": "S1", "accountAdmin": false,
                     "support": false, "brandRoles": [{"brandId": "B1", "role": "BrandRepresentative"}],
                     "permissions": {"CustomerReviews": "ViewAndEdit", "BuyerSellerMessages": "ViewAndEdit"}},
                    {"email": "support@bp.test", "password": "a-long-password-2", "sellerId": null, "support": true}],
      "customers": [{"id": "C1", "name": "Jane Doe", "email": "jane@example.test", "password": "a-long-password-3"}],
      "products":  [{"asin": "B000000001", "brandId": "B1", "title": "Acme Kettle"}],
      "orders":    [{"id": "111-0000001-0000001", "customerId": "C1", "sellerId": "S1", "marketplace": "US",
                     "placedAt": "2026-05-01T10:00:00Z",
                     "items": [{"asin": "B000000001", "quantity": 1, "unitPrice": 29.99, "currency": "USD"}]}],
      "reviews":   [{"id": "R1", "asin": "B000000001", "customerId": "C1", "orderId": "111-0000001-0000001",
                     "rating": 2, "title": "Leaks", "body": "It leaks.", "createdAt": "2026-05-10T08:00:00Z",
                     "verifiedPurchase": true}]
    }
    """;

    private async Task<ImportResult> ImportAsync(string json)
    {
        await using var db = database.CreateContext();
        return await new ImportService(db).ImportAsync(json);
    }

    private static string Mutate(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Valid)!;
        change(node);
        return node.ToJsonString();
    }

    /// <summary>Every row of every domain table, as text: equal snapshots mean the import changed nothing.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        var tables = new[] { "seller_accounts", "brands", "brand_sellers", "customers", "customer_brand_blocks", "products", "orders", "order_items", "reviews", "user_permissions", "user_brand_roles" };
        var parts = new List<string>();
        foreach (var t in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT coalesce(string_agg(x::text, '|' ORDER BY x::text), '') FROM {t} x", conn);
            parts.Add($"{t}:{await cmd.ExecuteScalarAsync()}");
        }
        await using var users = new NpgsqlCommand("SELECT coalesce(string_agg(concat_ws(',', id, email, password_hash, seller_account_id, customer_id, is_account_admin, is_support, access_version), '|' ORDER BY id), '') FROM users", conn);
        parts.Add($"users:{await users.ExecuteScalarAsync()}");
        return string.Join("\n", parts);
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "unknown seller of a brand", """{"brands":[{"id":"B9","name":"X","registered":true,"sellerIds":["S404"]}]}""", "$.brands[0].sellerIds[0]" },
        { "duplicate seller id", """{"sellers":[{"id":"S7","name":"A","plan":"Professional","standing":"Good"},{"id":"S7","name":"B","plan":"Professional","standing":"Good"}]}""", "$.sellers[1].id" },
        { "rating out of range", "reviews.0.rating=6", "$.reviews[0].rating" },
        { "rating zero", "reviews.0.rating=0", "$.reviews[0].rating" },
        { "verified review without an order", "reviews.0.orderId=null", "$.reviews[0].orderId" },
        { "review whose order lacks its product", "reviews.0.asin=B000000002", "$.reviews[0].orderId" },
        { "unknown order", "reviews.0.orderId=999-0000000-0000000", "$.reviews[0].orderId" },
        { "bad date", "reviews.0.createdAt=2026-02-30T10:00:00Z", "$.reviews[0].createdAt" },
        { "date without zone", "orders.0.placedAt=2026-05-01T10:00:00", "$.orders[0].placedAt" },
        { "bad currency", "orders.0.items.0.currency=XYZ", "$.orders[0].items[0].currency" },
        { "bad marketplace", "orders.0.marketplace=XX", "$.orders[0].marketplace" },
        { "negative price", "orders.0.items.0.unitPrice=-1", "$.orders[0].items[0].unitPrice" },
        { "unknown permission level", "users.0.permissions.CustomerReviews=Admin", "$.users[0].permissions.CustomerReviews" },
        { "unknown customer", "orders.0.customerId=C404", "$.orders[0].customerId" },
        { "bad email", "customers.0.email=not-an-email", "$.customers[0].email" },
        { "support user with a seller", "users.1.sellerId=S1", "$.users[1].sellerId" },
        { "malformed JSON", """{"sellers": [ {"id": "S1", """, "$" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_BadFile_ReportsPathAndChangesNothing(string because, string change, string expectedPath)
    {
        (await ImportAsync(Valid)).Succeeded.Should().BeTrue();
        var before = await SnapshotAsync();

        var json = change.StartsWith('{') ? change : Mutate(root => Apply(root, change));
        var result = await ImportAsync(json);

        result.Succeeded.Should().BeFalse(because);
        result.Errors.Should().Contain(e => e.Path.StartsWith(expectedPath), because);
        (await SnapshotAsync()).Should().Be(before, "a refused file changes nothing");
    }

    [Fact]
    public async Task Import_FileWithManyBadRecords_ReportsEveryOne()
    {
        var json = Mutate(root =>
        {
            Apply(root, "reviews.0.rating=9");
            Apply(root, "orders.0.items.0.currency=ABC");
            Apply(root, "sellers.0.plan=Gold");
        });
        var result = await ImportAsync(json);
        result.Errors.Select(e => e.Path).Should().Contain(["$.reviews[0].rating", "$.orders[0].items[0].currency", "$.sellers[0].plan"]);
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondChangesNothing()
    {
        (await ImportAsync(Valid)).Succeeded.Should().BeTrue();
        var first = await SnapshotAsync();
        (await ImportAsync(Valid)).Succeeded.Should().BeTrue();
        (await SnapshotAsync()).Should().Be(first);
    }

    [Fact]
    public async Task Import_ChangedRecord_UpdatesByExternalId()
    {
        (await ImportAsync(Valid)).Succeeded.Should().BeTrue();
        var changed = Mutate(root =>
        {
            Apply(root, "reviews.0.title=Leaks badly");
            Apply(root, "users.0.permissions.CustomerReviews=View");
        });
        (await ImportAsync(changed)).Succeeded.Should().BeTrue();

        await using var db = database.CreateContext();
        (await db.Reviews.CountAsync(r => r.ExternalId == "R1")).Should().Be(1);
        (await db.Reviews.SingleAsync(r => r.ExternalId == "R1")).Title.Should().Be("Leaks badly");
        var rep = await db.Users.Include(u => u.Permissions).SingleAsync(u => u.Email == "rep@acme.test");
        rep.Permissions.Single(p => p.Permission == BrandPortal.Core.Data.Entities.Permission.CustomerReviews).Level.Should().Be(BrandPortal.Core.Data.Entities.PermissionLevel.View);
        rep.AccessVersion.Should().BeGreaterThan(0, "a change of permissions is a change of access");
    }

    [Fact]
    public async Task ShippedDemoData_IsValidAndCoversEveryRole()
    {
        var result = await ImportAsync(DemoData.ShiftedToToday(DemoData.ReadShipped(), DateTimeOffset.UtcNow));
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors));
        result.Applied!.Reviews.Should().BeGreaterThanOrEqualTo(300);

        // Every kind of user the portal has: Support, a customer, an account administrator, a Brand Registry
        // administrator, a Brand Representative, a seller user with no brand role, a viewer, and each permission both
        // held in full by someone and lacked by someone.
        await using var db = database.CreateContext();
        (await db.Users.AnyAsync(u => u.IsSupport)).Should().BeTrue("Support");
        (await db.Users.AnyAsync(u => u.CustomerId != null)).Should().BeTrue("a customer");
        (await db.Users.AnyAsync(u => u.SellerAccountId != null && u.IsAccountAdmin)).Should().BeTrue("an account administrator");
        (await db.UserBrandRoles.AnyAsync(r => r.Role == BrandRole.Administrator)).Should().BeTrue("a Brand Registry administrator");
        (await db.UserBrandRoles.AnyAsync(r => r.Role == BrandRole.BrandRepresentative)).Should().BeTrue("a Brand Representative");
        (await db.Users.AnyAsync(u => u.SellerAccountId != null && !db.UserBrandRoles.Any(r => r.UserId == u.Id))).Should().BeTrue("a seller user without a brand role");
        var held = await db.UserPermissions.Select(p => new { p.Permission, p.Level }).Distinct().ToListAsync();
        held.Should().Contain(h => h.Level == PermissionLevel.View, "a viewer");
        foreach (var permission in Enum.GetValues<Permission>())
            held.Should().Contain(h => h.Permission == permission && h.Level == PermissionLevel.ViewAndEdit, $"a user holds {permission} at View and Edit");
        foreach (var permission in Enum.GetValues<Permission>())
            (await db.Users.AnyAsync(u => u.SellerAccountId != null
                && !db.UserPermissions.Any(p => p.UserId == u.Id && p.Permission == permission && p.Level != PermissionLevel.None)))
                .Should().BeTrue($"a seller user lacks {permission}");
    }

    /// <summary>"a.0.b=value": sets a value by a dotted path; "null" and numbers keep their JSON type.</summary>
    private static void Apply(JsonNode root, string change)
    {
        var (path, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
        var parts = path.Split('.');
        var node = root;
        foreach (var p in parts[..^1]) node = int.TryParse(p, out var i) ? node[i]! : node[p]!;
        JsonNode? v = value == "null" ? null : decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var d) && !value.Contains('-', StringComparison.Ordinal) || value.StartsWith('-') && decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out d) ? JsonValue.Create(d) : JsonValue.Create(value);
        if (int.TryParse(parts[^1], out var index)) node[index] = v;
        else node[parts[^1]] = v;
    }
}
