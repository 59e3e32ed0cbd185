using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Telemetry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Access;

/// <summary>The kinds of user the sign-in cookie names, and where each starts.</summary>
public static class UserKinds
{
    public const string Brand = "brand";
    public const string Customer = "customer";
    public const string Support = "support";

    public static string Of(PortalUser user) => user.IsSupport ? Support : user.CustomerId is not null ? Customer : Brand;

    public static string Home(string kind) => kind switch
    {
        Support => "/Support/Cases",
        Customer => "/YourAccount/MessageCenter",
        _ => "/Brands",
    };
}

/// <summary>A sign-in that succeeded (the user to issue the cookie for, and their start page) or the one neutral refusal.</summary>
public sealed record SignInAttempt(PortalUser? User, string? Home, string? Refusal)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Checks a sign-in and ends sessions; the portal issues and removes the cookie. Every refusal looks and costs the
/// same, so that neither the answer nor its time tells whether an email has a user: an unknown email, a user still
/// waiting for their invitation and a locked-out user all have a password hash verified (a dummy one with the same
/// hasher and iterations when there is none) and get the same message, which mentions the lockout for everyone.
/// </summary>
public sealed class SignInService(UserManager<PortalUser> users, IPasswordHasher<PortalUser> hasher, BrandPortalDbContext db, TimeProvider clock,
    BrandPortalMetrics? metrics = null)
{
    public const int MaxPasswordLength = 200;
    public const string Incomplete = "Enter your email and password.";
    public const string Refused = "The email or password is not right. After too many failed sign-ins an account is locked for 15 minutes.";

    private static string? _dummyHash;

    public async Task<SignInAttempt> SignInAsync(string? email, string? password, string? clientIp, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > EmailAddresses.MaxLength || password.Length > MaxPasswordLength)
            return new(null, null, Incomplete);
        var address = EmailAddresses.Normalize(email).Address;
        var user = address is null ? null : await users.FindByEmailAsync(address);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lockedOut = false;
        bool succeeded;
        if (user?.PasswordHash is null)
        {
            VerifyDummy(password);
            succeeded = false;
        }
        else if (await users.IsLockedOutAsync(user))
        {
            // Identity would refuse before hashing; hashing anyway keeps a locked account as slow as any other.
            hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            succeeded = false;
            lockedOut = true;
        }
        else if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            succeeded = true;
        }
        else
        {
            await users.AccessFailedAsync(user);
            lockedOut = await users.IsLockedOutAsync(user);
            succeeded = false;
        }

        var actor = new Actor(user?.Id, address ?? email.Trim(), user?.SellerAccountId, clientIp);
        db.Audit(actor, succeeded ? AuditActions.SignIn : AuditActions.SignInFailed, "User", user?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown",
            null, lockedOut ? "locked out" : null, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (!succeeded) metrics?.SignInFailed(lockedOut);
        return succeeded ? new(user, UserKinds.Home(UserKinds.Of(user!)), null) : new(null, null, Refused);
    }

    /// <summary>
    /// Ends every session of the user on their next request, on every instance: a new security stamp no cookie carries
    /// (the per-request access read compares it). Used by sign-out and by "sign out everywhere" alike.
    /// </summary>
    public async Task SignOutEverywhereAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
        db.Audit(actor, AuditActions.SignOut, "User", userId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "every session ended", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private void VerifyDummy(string password)
    {
        var dummyUser = new PortalUser();
        _dummyHash ??= hasher.HashPassword(dummyUser, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(dummyUser, _dummyHash, password);
    }
}
