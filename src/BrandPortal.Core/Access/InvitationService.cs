using System.Security.Cryptography;
using System.Text;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Access;

/// <summary>What the invitation page shows for a token: who it is for, or why it cannot be used.</summary>
public sealed record InvitationLookup(string? Email, string? AccountName, string? Refusal)
{
    public bool Usable => Refusal is null;
}

/// <summary>
/// Account administrators invite users by email. Only the SHA-256 hash of the one-time token is stored, so the
/// database alone cannot be used to take over an invited account; the token travels only in the email.
/// </summary>
public sealed class InvitationService(BrandPortalDbContext db, TimeProvider clock, IOptions<PortalOptions> portal, IPasswordHasher<PortalUser> hasher, PasswordPolicy policy)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 200;

    public const string Unknown = "This invitation link is not valid. Check that you opened the whole link from the email, or ask your account administrator for a new invitation.";
    public const string Used = "This invitation link has already been used. Sign in with the password you set, or ask your account administrator for a new invitation.";
    public const string Expired = "This invitation link has expired (links are valid for 72 hours). Ask your account administrator for a new invitation.";

    /// <summary>Creates the user (no password yet) and the invitation, and queues the email, in one transaction.</summary>
    public async Task<Outcome> InviteAsync(UserAccess admin, Actor actor, string? email, CancellationToken ct = default)
    {
        if (!admin.ManagesUsers) return Outcome.Forbidden;
        // One canonical form, so that "ｒｅｐ@globex.test" or "REP@globex.test" is the existing rep@globex.test, not a new user.
        var check = EmailAddresses.Normalize(email);
        if (!check.Valid) return Outcome.RefusedFormat($"{check.Error} Enter the email address of the person to invite, e.g. name@example.com.");
        email = check.Address!;

        var normalized = EmailAddresses.LookupKey(email);
        var accountId = admin.SellerAccountId!.Value;
        var existing = await db.Users.Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.Email, u.SellerAccountId, Pending = u.PasswordHash == null }).FirstOrDefaultAsync(ct);
        if (existing is not null && existing.SellerAccountId != accountId)
        {
            // The address signs in elsewhere (another seller account, a customer, Support). Saying so would tell this
            // administrator who uses the portal: the answer is the one any invitation gets, nothing is created or sent,
            // and the attempt is audited outside this account (Support sees it, this account's audit log does not).
            db.Audit(actor with { SellerAccountId = null }, AuditActions.UserInvited, "User", email, "user of another account", "not invited: the address already has a BrandPortal user", clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Sent(email);
        }
        // Inviting again someone of this account who never set a password sends a fresh link (the old ones stop working),
        // so an expired invitation does not strand the user. This account's own users are listed to the admin anyway.
        if (existing is not null && !existing.Pending)
            return Outcome.RefusedFormat($"{email} already has a BrandPortal user, so it cannot be invited again.");

        var now = clock.GetUtcNow();
        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var invitation = new UserInvitation { TokenHash = Hash(token), ExpiresAt = now + Lifetime };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (existing is null)
        {
            var user = new PortalUser
            {
                UserName = email, NormalizedUserName = normalized, Email = email, NormalizedEmail = normalized,
                SellerAccountId = accountId, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
            };
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            invitation.UserId = user.Id;
        }
        else
        {
            invitation.UserId = existing.Id;
            email = existing.Email!;
            await db.UserInvitations.Where(i => i.UserId == existing.Id && i.UsedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, now), ct);
        }
        db.UserInvitations.Add(invitation);

        var link = $"{portal.Value.BaseUrl.TrimEnd('/')}/Account/Invitation?token={token}";
        var rendered = EmailTemplates.Render("Invitation", new Dictionary<string, string>
        {
            ["AccountName"] = admin.SellerAccountName ?? "your seller account",
            ["InvitedBy"] = admin.Email,
            ["InvitationLink"] = link,
            ["ExpiresAt"] = Wording.WhenSpelledOut(invitation.ExpiresAt),
        });
        db.Enqueue(EmailKind.Invitation, $"invitation-{invitation.TokenHash[..24]}", email, email, rendered, now);
        db.Audit(actor, AuditActions.UserInvited, "User", email, existing is null ? null : "invitation pending", $"invited to {admin.SellerAccountName}; link expires {invitation.ExpiresAt:u}", now, accountId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Sent(email);
    }

    private static Outcome Sent(string email)
        => Outcome.DoneFormat($"Invitation sent to {email}. The link works once and expires in 72 hours; give the user their permissions below.");

    public async Task<InvitationLookup> LookupAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return new(null, null, Unknown);
        var hash = Hash(token);
        var row = await db.UserInvitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => new
            {
                i.ExpiresAt, i.UsedAt,
                Email = db.Users.Where(u => u.Id == i.UserId).Select(u => u.Email).First(),
                Account = db.Users.Where(u => u.Id == i.UserId).Select(u => u.SellerAccount!.Name).First(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return new(null, null, Unknown);
        if (row.UsedAt is not null) return new(row.Email, row.Account, Used);
        if (row.ExpiresAt <= clock.GetUtcNow()) return new(row.Email, row.Account, Expired);
        return new(row.Email, row.Account, null);
    }

    /// <summary>
    /// Uses the token once (a conditional UPDATE, so two tabs cannot both use it) and sets the user's password.
    /// Returns the user id to sign in, or the refusal.
    /// </summary>
    public async Task<(long? UserId, string? Refusal)> AcceptAsync(string? token, string? password, string? confirmation, CancellationToken ct = default)
    {
        var lookup = await LookupAsync(token, ct);
        if (!lookup.Usable) return (null, lookup.Refusal);
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            return (null, $"Choose a password of at least {MinPasswordLength} characters.");
        if (password.Length > MaxPasswordLength) return (null, $"Choose a password of at most {MaxPasswordLength} characters.");
        if (password != confirmation) return (null, "The two passwords are not the same. Type the same password twice.");

        var hash = Hash(token!);
        var invited = await db.UserInvitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => db.Users.First(u => u.Id == i.UserId)).FirstAsync(ct);
        // The first password meets the same policy as any other (Identity runs it for the passwords it sets).
        if ((await policy.CheckAsync(invited, password, ct)).FirstOrDefault() is { } weak) return (null, weak.Description);

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var used = await db.UserInvitations
            .Where(i => i.TokenHash == hash && i.UsedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), ct);
        if (used == 0) return (null, (await LookupAsync(token, ct)).Refusal ?? Used);

        var userId = await db.UserInvitations.Where(i => i.TokenHash == hash).Select(i => i.UserId).FirstAsync(ct);
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        user.PasswordHash = hasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.EmailConfirmed = true;
        db.Audit(new Actor(user.Id, user.Email!, user.SellerAccountId, null), AuditActions.InvitationAccepted, "User", user.Email!, "invited", "password set", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (user.Id, null);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
