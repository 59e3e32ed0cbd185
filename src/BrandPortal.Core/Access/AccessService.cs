using System.Data.Common;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Replicas;
using BrandPortal.Core.Data.Entities;
using Npgsql;

namespace BrandPortal.Core.Access;

public sealed class AccessService(BrandPortalDbContext db, ReadDb? read = null, PrimaryStatus? primary = null, BrandNameCache? brandNames = null)
{
    /// <summary>Without the host's cache (a service built by hand) the names are read once per instance.</summary>
    private readonly BrandNameCache names = brandNames ?? new BrandNameCache();

    /// <summary>
    /// One row per user: permissions and brand roles come as arrays, each set aggregated in one pass (the aggregates of
    /// one query see its rows in one order, so the arrays line up), not as joined rows. EF's query with both collections
    /// joined them, one row per permission × brand role, sorted: for an agency of 500 brands 1,500 rows and 18 ms on
    /// every request, against one row here. The brand names are not joined: the row carries brand_names_version and
    /// <see cref="BrandNameCache"/> supplies the names (an agency's 500 names were most of this read's time). Read through <see cref="DirectQuery"/>: every signed-in request runs it, and
    /// EF would format its text again each time.
    /// </summary>
    private const string LoadSql = """
        SELECT u.id, u.email, u.seller_account_id, s.name AS seller_account_name, s.plan AS seller_plan, s.standing AS seller_standing,
               u.customer_id, c.name AS customer_name, u.is_account_admin, u.is_support, u.lockout_end, u.security_stamp,
               u.language, (SELECT o.marketplace FROM orders o WHERE o.customer_id = u.customer_id ORDER BY o.placed_at DESC LIMIT 1) AS customer_marketplace,
               COALESCE(p.permissions, ARRAY[]::varchar[]) AS permissions, COALESCE(p.levels, ARRAY[]::varchar[]) AS levels,
               COALESCE(br.ids, ARRAY[]::bigint[]) AS role_brand_ids, COALESCE(br.roles, ARRAY[]::varchar[]) AS roles,
               (SELECT v.version FROM brand_names_version v WHERE v.id = 1) AS names_version
        FROM users u
        LEFT JOIN seller_accounts s ON s.id = u.seller_account_id
        LEFT JOIN customers c ON c.id = u.customer_id
        LEFT JOIN LATERAL (SELECT array_agg(up.permission) AS permissions, array_agg(up.level) AS levels
                           FROM user_permissions up WHERE up.user_id = u.id) p ON true
        LEFT JOIN LATERAL (SELECT array_agg(r.brand_id) AS ids, array_agg(r.role) AS roles
                           FROM user_brand_roles r WHERE r.user_id = u.id) br ON true
        WHERE u.id = $1
        """;


    /// <summary>One SQL statement: the user, their permissions and their brand roles. Null when the user is gone or locked out.</summary>
    public async Task<UserAccess?> LoadAsync(long userId, CancellationToken ct = default)
    {
        var row = await ReadAsync(db, userId, ct);
        return row is null ? null : await ToAccessAsync(db, row, ct);
    }

    /// <summary>
    /// The per-request read of a signed-in session: as <see cref="LoadAsync"/>, and null as well when the security stamp
    /// the session cookie was issued with is no longer the user's. The session model is a security stamp checked here
    /// on every request rather than server-side session records: the portal already reads the user's row once per
    /// request, so comparing one more column costs no round trip and holds on every instance at once (the database is
    /// the only shared state), with no session table to write at each sign-in and to clean up. Sign-out, "sign out
    /// everywhere", a password change (Identity rotates the stamp) and an invitation's first password rotate it; a
    /// lockout and a removed user end sessions through the same read. The price: signing out ends all of the user's
    /// sessions, not only the current browser's — for a business portal the safer default.
    /// </summary>
    /// <remarks>
    /// It reads the primary even when a read replica is configured: a revoked permission or a rotated stamp must apply
    /// to the very next request, which a lagging standby could not promise. Only while the primary is down (it failed,
    /// and is retried every <see cref="PrimaryStatus.Recheck"/>) is the session read from the standby, so that pages
    /// that only read keep working; writes are refused then anyway.
    /// </remarks>
    public async Task<UserAccess?> LoadSessionAsync(long userId, string? securityStamp, CancellationToken ct = default)
    {
        var (source, row) = await ReadSessionAsync(userId, ct);
        if (row is null || string.IsNullOrEmpty(securityStamp) || row.SecurityStamp != securityStamp) return null;
        return await ToAccessAsync(source, row, ct);
    }

    /// <summary>The row and the database it came from: missing brand names are read from the same one (never older than its version).</summary>
    private async Task<(BrandPortalDbContext Source, AccessRow? Row)> ReadSessionAsync(long userId, CancellationToken ct)
    {
        if (read is not { UsesReplica: true } || primary is null) return (db, await ReadAsync(db, userId, ct));
        if (primary.ShouldTryPrimary())
        {
            try
            {
                return (db, await ReadAsync(db, userId, ct));
            }
            catch (Exception e) when (Outage.Is(e))
            {
                primary.MarkDown(); // PrimaryWatch has too; the standby answers below
            }
        }
        return (read.Context, await ReadAsync(read.Context, userId, ct));
    }

    private static async Task<AccessRow?> ReadAsync(BrandPortalDbContext db, long userId, CancellationToken ct)
    {
        var row = (await DirectQuery.ListAsync(db, LoadSql, [new NpgsqlParameter<long> { TypedValue = userId }], ReadRow, ct)).SingleOrDefault();
        return row is null || row.LockoutEnd > DateTimeOffset.UtcNow ? null : row;
    }

    private static AccessRow ReadRow(DbDataReader r)
    {
        // The columns in LoadSql's order.
        var permissions = r.GetFieldValue<string[]>(14);
        var levels = r.GetFieldValue<string[]>(15);
        var brandIds = r.GetFieldValue<long[]>(16);
        var roles = r.GetFieldValue<string[]>(17);
        var plan = DirectQuery.Text(r, 4);
        var standing = DirectQuery.Text(r, 5);
        var marketplace = DirectQuery.Text(r, 13);
        return new AccessRow(r.GetInt64(0), DirectQuery.Text(r, 1) ?? "", DirectQuery.Long(r, 2), DirectQuery.Text(r, 3),
            plan is null ? null : Enum.Parse<SellerPlan>(plan), standing is null ? null : Enum.Parse<AccountStanding>(standing),
            DirectQuery.Long(r, 6), DirectQuery.Text(r, 7), r.GetBoolean(8), r.GetBoolean(9), DirectQuery.Time(r, 10),
            DirectQuery.Text(r, 11), DirectQuery.Text(r, 12), marketplace is null ? null : Enum.Parse<Marketplace>(marketplace),
            permissions.Select((p, i) => new PermissionRow(Enum.Parse<Permission>(p), Enum.Parse<PermissionLevel>(levels[i]))).ToList(),
            brandIds, roles, r.GetInt64(18));
    }

    private async Task<UserAccess> ToAccessAsync(BrandPortalDbContext source, AccessRow row, CancellationToken ct)
    {
        var brandRoles = await names.GrantsAsync(source, row.Id, row.NamesVersion, row.RoleBrandIds, row.Roles, ct);
        return new UserAccess(row.Id, row.Email, row.SellerAccountId, row.SellerAccountName, row.SellerPlan, row.SellerStanding, row.CustomerId, row.CustomerName,
            row.IsAccountAdmin, row.IsSupport,
            row.Permissions.ToDictionary(p => p.Permission, p => p.Level),
            brandRoles)
        {
            Language = row.Language,
            CustomerMarketplace = row.CustomerMarketplace,
        };
    }

    private sealed record PermissionRow(Permission Permission, PermissionLevel Level);

    private sealed record AccessRow(
        long Id, string Email, long? SellerAccountId, string? SellerAccountName, SellerPlan? SellerPlan, AccountStanding? SellerStanding, long? CustomerId, string? CustomerName,
        bool IsAccountAdmin, bool IsSupport, DateTimeOffset? LockoutEnd, string? SecurityStamp,
        string? Language, Marketplace? CustomerMarketplace,
        List<PermissionRow> Permissions, long[] RoleBrandIds, string[] Roles, long NamesVersion);
}
