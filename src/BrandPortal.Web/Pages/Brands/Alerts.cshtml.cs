using BrandPortal.Core.Access;
using BrandPortal.Core.Alerts;
using BrandPortal.Core.Alerts.Conditions;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages.Brands;

/// <summary>Review alerts: each representative chooses how often to be emailed about new critical reviews.</summary>
[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class AlertsModel(AlertSettingsService alerts, ReviewWorkService work, ConditionAlertSettingsService conditions,
    IStringLocalizer<ConditionAlertText> conditionText, CurrentUser current) : OutcomePageModel, IExplainsMissingPermission
{
    public UserAccess Access => current.Required;
    public IReadOnlyList<MissingReviewAccess> Missing { get; private set; } = [];
    public AlertSettings? Settings { get; private set; }
    public bool EmailWhenAssigned { get; private set; }
    public ConditionAlertSettings? Conditions { get; private set; }

    /// <summary>The condition rules checked on the form (RatingDrop, TopicSpike, ResponseDue); none turns them off.</summary>
    [BindProperty] public List<string>? ConditionRules { get; set; }

    /// <summary>"on" or "off" for "Email me when a review is assigned to me"; anything else is refused.</summary>
    [BindProperty] public string? AssignmentEmail { get; set; }

    /// <summary>Bound by name (EnumNameBinder): "1", "daily" or "Daily, Weekly" arrive as null and are refused.</summary>
    [BindProperty] public AlertFrequency? Frequency { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The permission is checked before the handler; the Brand Representative role is the other half of access.
        if (ReviewAccess.Missing(Access).Count > 0) return ExplainMissingPermission([]);
        Settings = await alerts.GetAsync(Access, ct);
        EmailWhenAssigned = await work.EmailWhenAssignedAsync(Access, ct);
        Conditions = await conditions.GetAsync(Access, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
        => await ShowAsync(await alerts.SetAsync(Access, current.Actor, Frequency, ct), () => OnGetAsync(ct));

    public async Task<IActionResult> OnPostAssignmentAsync(CancellationToken ct)
        => await ShowAsync(await work.SetEmailWhenAssignedAsync(Access, current.Actor, AssignmentEmail, ct), () => OnGetAsync(ct));

    public async Task<IActionResult> OnPostConditionsAsync(CancellationToken ct)
    {
        var outcome = await conditions.SetAsync(Access, current.Actor, ConditionRules, ct);
        return await ShowAsync(outcome.Message is { } m ? outcome with { Message = conditionText[m] } : outcome, () => OnGetAsync(ct));
    }

    /// <summary>A page that says what is missing and how to get it, with status 403.</summary>
    public IActionResult ExplainMissingPermission(IReadOnlyList<PermissionRequirement> missing)
    {
        Missing = ReviewAccess.Missing(Access);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
