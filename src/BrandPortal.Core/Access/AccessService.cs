using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Access;

public sealed class AccessService(BrandPortalDbContext db)
{
    private static readonly Func<BrandPortalDbContext, long, IAsyncEnumerable<AccessRow>> LoadQuery =
        EF.CompileAsyncQuery((BrandPortalDbContext ctx, long userId) => ctx.Users
            .Where(u => u.Id == userId)
            .Select(u => new AccessRow(
                u.Id, u.Email!, u.SellerAccountId, u.SellerAccount!.Name, (SellerPlan?)u.SellerAccount!.Plan, (AccountStanding?)u.SellerAccount!.Standing, u.CustomerId, u.Customer!.Name,
                u.IsAccountAdmin, u.IsSupport, u.LockoutEnd, u.SecurityStamp,
                u.Permissions.Select(p => new PermissionRow(p.Permission, p.Level)).ToList(),
                u.BrandRoles.Select(r => new BrandRoleGrant(r.BrandId, r.Brand!.Name, r.Role)).ToList())));

    /// <summary>One SQL statement: the user, their permissions and their brand roles. Null when the user is gone or locked out.</summary>
    public async Task<UserAccess?> LoadAsync(long userId, CancellationToken ct = default)
    {
        var row = await ReadAsync(userId, ct);
        return row is null ? null : ToAccess(row);
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
    public async Task<UserAccess?> LoadSessionAsync(long userId, string? securityStamp, CancellationToken ct = default)
    {
        var row = await ReadAsync(userId, ct);
        if (row is null || string.IsNullOrEmpty(securityStamp) || row.SecurityStamp != securityStamp) return null;
        return ToAccess(row);
    }

    private async Task<AccessRow?> ReadAsync(long userId, CancellationToken ct)
    {
        AccessRow? row = null;
        await foreach (var r in LoadQuery(db, userId).WithCancellation(ct)) row = r;
        return row is null || row.LockoutEnd > DateTimeOffset.UtcNow ? null : row;
    }

    private static UserAccess ToAccess(AccessRow row)
    {
        return new UserAccess(row.Id, row.Email, row.SellerAccountId, row.SellerAccountName, row.SellerPlan, row.SellerStanding, row.CustomerId, row.CustomerName,
            row.IsAccountAdmin, row.IsSupport,
            row.Permissions.ToDictionary(p => p.Permission, p => p.Level),
            row.BrandRoles.OrderBy(b => b.BrandName).ToList());
    }

    private sealed record PermissionRow(Permission Permission, PermissionLevel Level);

    private sealed record AccessRow(
        long Id, string Email, long? SellerAccountId, string? SellerAccountName, SellerPlan? SellerPlan, AccountStanding? SellerStanding, long? CustomerId, string? CustomerName,
        bool IsAccountAdmin, bool IsSupport, DateTimeOffset? LockoutEnd, string? SecurityStamp,
        List<PermissionRow> Permissions, List<BrandRoleGrant> BrandRoles);
}
