using BrandPortal.Core.Audit;

namespace BrandPortal.Web.Localization;

/// <summary>
/// What each audit action code means, in English words that <see cref="AdminText"/> translates. The code itself is
/// data (it is stored, filtered by and exported): the audit page shows the words and keeps the code beside them.
/// </summary>
public static class AuditActionNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [AuditActions.SignIn] = "Signed in",
        [AuditActions.SignInFailed] = "Sign-in failed",
        [AuditActions.SignOut] = "Signed out",
        [AuditActions.ContactSent] = "Customer contacted",
        [AuditActions.RefundAccepted] = "Refund accepted",
        [AuditActions.PermissionChanged] = "Permission changed",
        [AuditActions.RoleGranted] = "Role granted",
        [AuditActions.CaseSubmitted] = "Case submitted",
        [AuditActions.CaseDecided] = "Case decided",
        [AuditActions.StandingChanged] = "Account standing changed",
        [AuditActions.BrandChanged] = "Brand settings changed",
        [AuditActions.UserInvited] = "User invited",
        [AuditActions.Import] = "Data imported",
        [AuditActions.InvitationAccepted] = "Invitation accepted",
        [AuditActions.PlanChanged] = "Selling plan changed",
        [AuditActions.AlertsChanged] = "Review alerts changed",
        [AuditActions.ApiKeyCreated] = "API key created",
        [AuditActions.ApiKeyRevoked] = "API key revoked",
        [AuditActions.WebhookCreated] = "Webhook subscription created",
        [AuditActions.WebhookDeleted] = "Webhook subscription deleted",
        [AuditActions.WebhookTested] = "Webhook test event sent",
        [AuditActions.WebhookResent] = "Webhook event sent again",
        [AuditActions.WebhookEnabled] = "Webhook subscription re-enabled",
        [AuditActions.WebhookDisabled] = "Webhook subscription disabled",
        [AuditActions.NoResponseNeeded] = "Marked as no response needed",
        [AuditActions.NoteAdded] = "Internal note added",
        [AuditActions.NoteDeleted] = "Internal note deleted",
        [AuditActions.SavedViewCreated] = "Saved view created",
        [AuditActions.SavedViewRenamed] = "Saved view renamed",
        [AuditActions.SavedViewDeleted] = "Saved view deleted",
        [AuditActions.ReviewDone] = "Review marked as done",
        [AuditActions.ReviewReopened] = "Review reopened",
        [AuditActions.ReviewAssigned] = "Review assigned",
        [AuditActions.ReviewsBulkChanged] = "Reviews changed in bulk",
        [AuditActions.LanguageChanged] = "Language changed",
    };

    /// <summary>The English words for a code; an unknown code (an entry older than its action's removal) is its own name.</summary>
    public static string Of(string code) => Names.GetValueOrDefault(code, code);

    public static bool Has(string code) => Names.ContainsKey(code);
}
