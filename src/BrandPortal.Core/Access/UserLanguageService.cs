using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Access;

/// <summary>
/// The language a user chose for the portal's pages, stored on their user so that it follows them to every browser.
/// Which languages exist is the portal's to say (its request cultures): the caller passes them in.
/// </summary>
public sealed class UserLanguageService(BrandPortalDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The offered culture named by <paramref name="language"/> (any casing), or null for "" / null ("automatic");
    /// false for anything else. Also the rule for a browser's choice without a user (the cookie alone).
    /// </summary>
    public static bool TryPick(string? language, IReadOnlyCollection<string> offered, out string? wanted)
    {
        wanted = string.IsNullOrWhiteSpace(language) ? null : offered.FirstOrDefault(o => string.Equals(o, language.Trim(), StringComparison.OrdinalIgnoreCase));
        return wanted is not null || string.IsNullOrWhiteSpace(language);
    }

    /// <summary>
    /// Stores <paramref name="language"/> (one of <paramref name="offered"/>), or clears the choice for "" / null so the
    /// browser's language decides again. Anything else is refused with nothing changed. Audited when it changes.
    /// </summary>
    public async Task<Outcome> SetAsync(long userId, Actor actor, string? language, IReadOnlyCollection<string> offered, CancellationToken ct = default)
    {
        if (!TryPick(language, offered, out var wanted)) return Outcome.Refused("Choose one of the languages offered. Nothing was changed.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.Language, u.SellerAccountId }).SingleOrDefaultAsync(ct);
        if (before is null) return Outcome.NotFound;
        if (before.Language != wanted)
        {
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, wanted), ct);
            db.Audit(actor, AuditActions.LanguageChanged, "User", before.Email ?? userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                before.Language ?? "browser", wanted ?? "browser", clock.GetUtcNow(), before.SellerAccountId);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return Outcome.Done("Your language is saved.");
    }
}
