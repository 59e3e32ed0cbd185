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
                u.IsAccountAdmin, u.IsSupport, u.LockoutEnd,
                u.Permissions.Select(p => new PermissionRow(p.Permission, p.Level)).ToList(),
                u.BrandRoles.Select(r => new BrandRoleGrant(r.BrandId, r.Brand!.Name, r.Role)).ToList())));

    /// <summary>One SQL statement: the user, their permissions and their brand roles. Null when the user is gone or locked out.</summary>
    public async Task<UserAccess?> LoadAsync(long userId, CancellationToken ct = default)
    {
        AccessRow? row = null;
        await foreach (var r in LoadQuery(db, userId).WithCancellation(ct)) row = r;
        if (row is null || row.LockoutEnd > DateTimeOffset.UtcNow) return null;
        return new UserAccess(row.Id, row.Email, row.SellerAccountId, row.SellerAccountName, row.SellerPlan, row.SellerStanding, row.CustomerId, row.CustomerName,
            row.IsAccountAdmin, row.IsSupport,
            row.Permissions.ToDictionary(p => p.Permission, p => p.Level),
            row.BrandRoles.OrderBy(b => b.BrandName).ToList());
    }

    private sealed record PermissionRow(Permission Permission, PermissionLevel Level);

    private sealed record AccessRow(
        long Id, string Email, long? SellerAccountId, string? SellerAccountName, SellerPlan? SellerPlan, AccountStanding? SellerStanding, long? CustomerId, string? CustomerName,
        bool IsAccountAdmin, bool IsSupport, DateTimeOffset? LockoutEnd,
        List<PermissionRow> Permissions, List<BrandRoleGrant> BrandRoles);
}
