using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Access;

public sealed record AccountUser(long Id, string Email, bool IsAccountAdmin, bool InvitationPending,
    IReadOnlyDictionary<Permission, PermissionLevel> Levels, IReadOnlyList<string> BrandRoles)
{
    public PermissionLevel Level(Permission p) => Levels.GetValueOrDefault(p, PermissionLevel.None);
}

/// <summary>
/// The account administrator's view and edit of their seller account's users. Every method takes the caller's
/// <see cref="UserAccess"/> and refuses anyone who does not manage users, and any user of another account.
/// </summary>
public sealed class PermissionService(BrandPortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<AccountUser>?> ListUsersAsync(UserAccess admin, CancellationToken ct = default)
    {
        if (!admin.ManagesUsers) return null;
        return await LoadUsersAsync(admin.SellerAccountId!.Value, null, ct);
    }

    /// <summary>Null when the caller does not manage users or the user is not of the caller's account.</summary>
    public async Task<AccountUser?> GetUserAsync(UserAccess admin, long userId, CancellationToken ct = default)
    {
        if (!admin.ManagesUsers) return null;
        return (await LoadUsersAsync(admin.SellerAccountId!.Value, userId, ct)).FirstOrDefault();
    }

    private async Task<List<AccountUser>> LoadUsersAsync(long accountId, long? userId, CancellationToken ct)
    {
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.SellerAccountId == accountId && (userId == null || u.Id == userId))
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.IsAccountAdmin, Pending = u.PasswordHash == null,
                Levels = u.Permissions.Select(p => new { p.Permission, p.Level }).ToList(),
                Roles = u.BrandRoles.Select(r => new { r.Brand!.Name, r.Role }).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(u => new AccountUser(u.Id, u.Email!, u.IsAccountAdmin, u.Pending,
            u.Levels.ToDictionary(l => l.Permission, l => l.Level),
            u.Roles.OrderBy(r => r.Name).Select(r => $"{r.Name}: {(r.Role == BrandRole.Administrator ? "Administrator" : "Brand Representative")}").ToList()))
            .ToList();
    }

    /// <summary>
    /// Sets the user's permissions to exactly <paramref name="levels"/> (absent = None), with one audit entry per change,
    /// in one transaction. The account row is locked for the transaction so that two administrators demoting each other
    /// at the same moment cannot leave the account without one.
    /// </summary>
    public async Task<Outcome> SaveAsync(UserAccess admin, Actor actor, long userId, IReadOnlyDictionary<Permission, PermissionLevel> levels,
        CancellationToken ct = default)
    {
        if (!admin.ManagesUsers) return Outcome.Forbidden;
        foreach (var (permission, level) in levels)
            if (!PermissionCatalogue.Allows(permission, level))
                return Outcome.RefusedFormat($"{PermissionCatalogue.LevelName(level)} is not a level {PermissionCatalogue.Of(permission).Name} can be set to.");

        var accountId = admin.SellerAccountId!.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM seller_accounts WHERE id = {accountId} FOR UPDATE", ct);

        // The caller's access was read at the start of the request: check again under the lock.
        if (!await db.Users.AnyAsync(u => u.Id == admin.UserId && u.SellerAccountId == accountId && u.IsAccountAdmin, ct))
            return Outcome.Forbidden;
        var user = await db.Users.Include(u => u.Permissions).FirstOrDefaultAsync(u => u.Id == userId && u.SellerAccountId == accountId, ct);
        if (user is null) return Outcome.NotFound;

        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var entry in PermissionCatalogue.Entries)
        {
            var row = user.Permissions.FirstOrDefault(p => p.Permission == entry.Permission);
            var before = row?.Level ?? PermissionLevel.None;
            var after = levels.GetValueOrDefault(entry.Permission, PermissionLevel.None);
            if (before == after) continue;

            if (entry.Permission == Permission.UserPermissions && after != PermissionLevel.ViewAndEdit && user.IsAccountAdmin
                && !await db.Users.AnyAsync(u => u.SellerAccountId == accountId && u.Id != user.Id && u.IsAccountAdmin
                    && u.Permissions.Any(p => p.Permission == Permission.UserPermissions && p.Level == PermissionLevel.ViewAndEdit), ct))
                return user.Id == admin.UserId
                    ? Outcome.Refused("You are the only administrator of this account, so you cannot remove your own User Permissions. Give another user View and Edit under Settings → User Permissions first.")
                    : Outcome.RefusedFormat($"{user.Email} is the only administrator of this account; the account cannot be left without one.");

            if (row is null) user.Permissions.Add(new UserPermission { UserId = user.Id, Permission = entry.Permission, Level = after });
            else if (after == PermissionLevel.None) user.Permissions.Remove(row);
            else row.Level = after;

            if (entry.Permission == Permission.UserPermissions) user.IsAccountAdmin = after == PermissionLevel.ViewAndEdit;
            db.Audit(actor, AuditActions.PermissionChanged, "User", user.Email!,
                $"{entry.Name}: {PermissionCatalogue.LevelName(before)}", $"{entry.Name}: {PermissionCatalogue.LevelName(after)}", now, accountId);
            changed++;
        }
        if (changed == 0) return Outcome.Done("Nothing changed: these were already the user's permissions.");

        user.AccessVersion++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Two sentences rather than a plural ending: each is translated as a whole.
        return changed == 1
            ? Outcome.DoneFormat($"Saved 1 change for {user.Email}. They apply from the user's next page load; no sign-out is needed.")
            : Outcome.DoneFormat($"Saved {changed} changes for {user.Email}. They apply from the user's next page load; no sign-out is needed.");
    }
}
