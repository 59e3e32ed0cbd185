using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Alerts.Conditions;

/// <summary>One rule on the settings form: whether the user chose it, and whether they may receive it at all.</summary>
public sealed record ConditionChoice(ConditionRule Rule, bool Chosen, bool Available);

public sealed record ConditionAlertSettings(IReadOnlyList<ConditionChoice> Rules);

/// <summary>
/// Which condition alerts each representative receives, chosen on /Brands/Alerts, with an audit entry in the same
/// transaction. Rating drop and topic spike need what review alerts need (Customer Reviews and a represented brand);
/// response due needs Buyer-Seller Messages, like the conversations it is about.
/// </summary>
public sealed class ConditionAlertSettingsService(BrandPortalDbContext db, TimeProvider clock)
{
    public static IReadOnlyList<ConditionRule> Rules { get; } = [ConditionRule.RatingDrop, ConditionRule.TopicSpike, ConditionRule.ResponseDue];

    public static bool MayReceive(UserAccess user, ConditionRule rule) =>
        rule == ConditionRule.ResponseDue ? user.SeesMessages : AlertSettingsService.MayReceive(user);

    public async Task<ConditionAlertSettings> GetAsync(UserAccess user, CancellationToken ct = default)
    {
        var chosen = await db.ConditionAlertChoices.AsNoTracking().Where(c => c.UserId == user.UserId).Select(c => c.Rule).ToListAsync(ct);
        return new ConditionAlertSettings(Rules.Select(r => new ConditionChoice(r, chosen.Contains(r), MayReceive(user, r))).ToList());
    }

    /// <summary>
    /// Sets exactly the rules named in <paramref name="values"/> (by name: RatingDrop, TopicSpike, ResponseDue; none turns
    /// them all off). An unknown name or a rule the user may not receive is refused and nothing changes.
    /// </summary>
    public async Task<Outcome> SetAsync(UserAccess user, Actor actor, IReadOnlyList<string>? values, CancellationToken ct = default)
    {
        if (!AlertSettingsService.MayReceive(user)) return Outcome.Forbidden;
        var wanted = new HashSet<ConditionRule>();
        foreach (var value in values ?? [])
        {
            if (!Rules.Any(r => r.ToString() == value))
                return Outcome.Refused("Choose condition alerts from the list: rating drop, topic spike or response due.");
            wanted.Add(Enum.Parse<ConditionRule>(value));
        }
        if (wanted.Contains(ConditionRule.ResponseDue) && !MayReceive(user, ConditionRule.ResponseDue))
            return Outcome.Refused("Response due alerts need Buyer-Seller Messages. Ask your account administrator for View (under Messaging).");
        var done = Outcome.Done(wanted.Count == 0 ? "Condition alerts are off." : "Condition alerts saved.");

        var now = clock.GetUtcNow();
        var current = await db.ConditionAlertChoices.Where(c => c.UserId == user.UserId).ToListAsync(ct);
        var before = current.Select(c => c.Rule).ToHashSet();
        if (before.SetEquals(wanted)) return done;
        db.ConditionAlertChoices.RemoveRange(current.Where(c => !wanted.Contains(c.Rule)));
        db.ConditionAlertChoices.AddRange(wanted.Except(before).Select(r => new ConditionAlertChoice { UserId = user.UserId, Rule = r, ChosenAt = now }));
        db.Audit(actor, AuditActions.AlertsChanged, "User", user.UserId.ToString(CultureInfo.InvariantCulture), Describe(before), Describe(wanted), now);
        await db.SaveChangesAsync(ct);
        return done;
    }

    /// <summary>For the audit log: "Condition alerts: RatingDrop, ResponseDue" or "Condition alerts: none".</summary>
    private static string Describe(IReadOnlySet<ConditionRule> rules) =>
        "Condition alerts: " + (rules.Count == 0 ? "none" : string.Join(", ", Rules.Where(rules.Contains)));
}
