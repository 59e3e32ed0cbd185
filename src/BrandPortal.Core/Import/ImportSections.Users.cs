using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Import;

/// <summary>Brand and Support users, and the sign-ins users and customers share (found by normalized email).</summary>
internal sealed partial class ImportSections
{
    private static PasswordHasher<PortalUser> Hasher => Access.PasswordHashing.Hasher;

    private Dictionary<string, PortalUser>? _logins;

    private async Task<Dictionary<string, PortalUser>> LoadLoginsAsync(CancellationToken ct) => _logins ??= _named.Emails.Length == 0 ? [] :
        await db.Users.Include(u => u.Permissions).Include(u => u.BrandRoles)
            .Where(u => _named.Emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, ct);

    public async Task UsersAsync(CancellationToken ct)
    {
        var (sellers, brands) = (await LoadSellersAsync(ct), await LoadBrandsAsync(ct));
        await UpsertAsync(file.Users, await LoadLoginsAsync(ct), r => r.Email.ToUpperInvariant(), r => NewLogin(r.Email),
            (r, user) =>
            {
                SetCredentials(user, r.Email, r.Password);
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
            }, ct);
    }

    private static PortalUser NewLogin(string email)
    {
        var normalized = email.ToUpperInvariant();
        return new PortalUser
        {
            UserName = email, NormalizedUserName = normalized, Email = email, NormalizedEmail = normalized,
            EmailConfirmed = true, LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
    }

    private static void SetCredentials(PortalUser user, string email, string? password)
    {
        if (user.Email != email)
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
    }

    private static string AccessFingerprint(PortalUser u) =>
        $"{u.SellerAccountId}|{u.IsAccountAdmin}|{u.IsSupport}|" +
        string.Join(",", u.Permissions.OrderBy(p => p.Permission).Select(p => $"{p.Permission}={p.Level}")) + "|" +
        string.Join(",", u.BrandRoles.OrderBy(r => r.BrandId).ThenBy(r => r.Role).Select(r => $"{r.BrandId}:{r.Role}"));
}
