using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Alerts;

/// <summary>What the alert settings page shows: the user's choice and the brands a digest would cover today.</summary>
public sealed record AlertSettings(AlertFrequency Frequency, IReadOnlyList<string> Brands, DateTimeOffset? LastDigestAt);

public enum UnsubscribeOutcome { Unsubscribed, AlreadyOff, InvalidLink }

/// <summary>
/// Each representative's choice of review alerts (Off, Immediately, Daily, Weekly), changed on /Brands/Alerts or
/// turned off through the signed link in a digest, with an audit entry in the same transaction.
/// </summary>
public sealed class AlertSettingsService(BrandPortalDbContext db, UnsubscribeTokens tokens, TimeProvider clock)
{
    /// <summary>Who may receive alerts: exactly who may read Customer Reviews.</summary>
    public static bool MayReceive(UserAccess user) => user.SeesCustomerReviews;

    public async Task<AlertSettings> GetAsync(UserAccess user, CancellationToken ct = default)
    {
        var sub = await db.AlertSubscriptions.AsNoTracking().Where(s => s.UserId == user.UserId)
            .Select(s => new { s.Frequency, s.LastDigestAt }).FirstOrDefaultAsync(ct);
        var brands = MayReceive(user) ? user.RepresentedBrands.Select(b => b.BrandName).Distinct().Order(StringComparer.Ordinal).ToList() : [];
        return new AlertSettings(sub?.Frequency ?? AlertFrequency.Off, brands, sub?.LastDigestAt);
    }

    /// <summary>Sets the user's choice; forbidden when they may not receive alerts, refused without a choice.</summary>
    public async Task<Outcome> SetAsync(UserAccess user, Actor actor, AlertFrequency? chosen, CancellationToken ct = default)
    {
        if (!MayReceive(user)) return Outcome.Forbidden;
        if (chosen is not { } frequency || !Enum.IsDefined(frequency))
            return Outcome.Refused("Choose how often to receive review alerts: Immediately, Daily, Weekly or Off.");
        var done = Outcome.Done(frequency == AlertFrequency.Off ? "Review alerts are off."
            : $"Review alerts saved: {Wording.Frequency(frequency).ToLowerInvariant()}.");
        var now = clock.GetUtcNow();
        var sub = await db.AlertSubscriptions.FirstOrDefaultAsync(s => s.UserId == user.UserId, ct);
        var before = sub?.Frequency ?? AlertFrequency.Off;
        if (before == frequency) return done;
        if (sub is null)
        {
            sub = new AlertSubscription { UserId = user.UserId, Since = now };
            db.AlertSubscriptions.Add(sub);
        }
        // Turning alerts on starts the news from now: nobody gets a year of old reviews in their first digest.
        if (before == AlertFrequency.Off) sub.Since = now;
        sub.Frequency = frequency;
        sub.UpdatedAt = now;
        db.Audit(actor, AuditActions.AlertsChanged, "User", user.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before.ToString(), frequency.ToString(), now);
        await db.SaveChangesAsync(ct);
        return done;
    }

    public async Task<UnsubscribeOutcome> UnsubscribeAsync(string? token, string? clientIp, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not { } userId) return UnsubscribeOutcome.InvalidLink;
        var sub = await db.AlertSubscriptions.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (sub is null || sub.Frequency == AlertFrequency.Off) return UnsubscribeOutcome.AlreadyOff;
        var now = clock.GetUtcNow();
        var before = sub.Frequency;
        sub.Frequency = AlertFrequency.Off;
        sub.UpdatedAt = now;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.SellerAccountId }).FirstAsync(ct);
        db.Audit(new Actor(userId, $"{user.Email} (unsubscribe link)", user.SellerAccountId, clientIp), AuditActions.AlertsChanged, "User",
            userId.ToString(System.Globalization.CultureInfo.InvariantCulture), before.ToString(), nameof(AlertFrequency.Off), now);
        await db.SaveChangesAsync(ct);
        return UnsubscribeOutcome.Unsubscribed;
    }
}
