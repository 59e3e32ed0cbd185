using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Audit;

/// <summary>Who acts, from where: captured once per request by the portal and handed to the services.</summary>
public sealed record Actor(long? UserId, string Label, long? SellerAccountId, string? ClientIp)
{
    public static Actor System { get; } = new(null, "system", null, null);
}

public static class AuditActions
{
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string SignOut = "SignOut";
    public const string ContactSent = "ContactSent";
    public const string RefundAccepted = "RefundAccepted";
    public const string PermissionChanged = "PermissionChanged";
    public const string RoleGranted = "RoleGranted";
    public const string CaseSubmitted = "CaseSubmitted";
    public const string CaseDecided = "CaseDecided";
    public const string StandingChanged = "StandingChanged";
    public const string BrandChanged = "BrandChanged";
    public const string UserInvited = "UserInvited";
    public const string Import = "Import";
    public const string InvitationAccepted = "InvitationAccepted";
    public const string PlanChanged = "PlanChanged";
    public const string AlertsChanged = "AlertsChanged";
    public const string ApiKeyCreated = "ApiKeyCreated";
    public const string ApiKeyRevoked = "ApiKeyRevoked";
    public const string WebhookCreated = "WebhookCreated";
    public const string WebhookDeleted = "WebhookDeleted";
    public const string WebhookTested = "WebhookTested";
    public const string WebhookResent = "WebhookResent";
    public const string WebhookEnabled = "WebhookEnabled";
    /// <summary>The dispatcher disabled a subscription whose endpoint answered 410 Gone (actor: system).</summary>
    public const string WebhookDisabled = "WebhookDisabled";
    public const string NoResponseNeeded = "NoResponseNeeded";
    public const string NoteAdded = "NoteAdded";
    public const string NoteDeleted = "NoteDeleted";
    public const string SavedViewCreated = "SavedViewCreated";
    public const string SavedViewRenamed = "SavedViewRenamed";
    public const string SavedViewDeleted = "SavedViewDeleted";
    public const string ReviewDone = "ReviewDone";
    public const string ReviewReopened = "ReviewReopened";
    public const string ReviewAssigned = "ReviewAssigned";
    public const string ReviewsBulkChanged = "ReviewsBulkChanged";
    /// <summary>A user chose the language of their pages (or went back to their browser's).</summary>
    public const string LanguageChanged = "LanguageChanged";

    /// <summary>Every action the audit log can be filtered by: each constant of this class, so a new action needs no second list.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();
}

public static class AuditLog
{
    /// <summary>Adds an entry to the context: it is written by the same SaveChanges, in the same transaction, as the action.</summary>
    public static void Audit(this BrandPortalDbContext db, Actor actor, string action, string objectType, string objectId,
        string? before, string? after, DateTimeOffset at, long? sellerAccountId = null)
        => db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            ActorUserId = actor.UserId,
            Actor = actor.Label,
            SellerAccountId = sellerAccountId ?? actor.SellerAccountId,
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            Before = Truncate(before),
            After = Truncate(after),
            ClientIp = actor.ClientIp,
        });

    private static string? Truncate(string? s) => s is { Length: > 4000 } ? s[..4000] : s;
}
