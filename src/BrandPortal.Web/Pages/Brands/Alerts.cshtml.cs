using BrandPortal.Core.Access;
using BrandPortal.Core.Alerts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands;

/// <summary>Review alerts: each representative chooses how often to be emailed about new critical reviews.</summary>
[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class AlertsModel(AlertSettingsService alerts, CurrentUser current) : PageModel, IExplainsMissingPermission
{
    public UserAccess Access => current.Required;
    public IReadOnlyList<MissingReviewAccess> Missing { get; private set; } = [];
    public AlertSettings? Settings { get; private set; }
    [BindProperty] public string? Frequency { get; set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Missing = ReviewAccess.Missing(Access);
        if (Missing.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Settings = await alerts.GetAsync(Access, HttpContext.RequestAborted);
        return Page();
    }

    public IActionResult ExplainMissingPermission(IReadOnlyList<PermissionRequirement> missing)
    {
        Missing = ReviewAccess.Missing(Access);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // By name only: "1" or "Daily, Weekly" are not choices.
        if (Frequency is null || !Enum.GetNames<AlertFrequency>().Contains(Frequency) || !Enum.TryParse<AlertFrequency>(Frequency, out var frequency))
        {
            Error = "Choose how often to receive review alerts: Immediately, Daily, Weekly or Off.";
            return await OnGetAsync();
        }
        if (!await alerts.SetAsync(Access, current.Actor, frequency, HttpContext.RequestAborted)) return await OnGetAsync();
        Message = frequency == AlertFrequency.Off ? "Review alerts are off." : $"Review alerts saved: {Label(frequency).ToLowerInvariant()}.";
        return RedirectToPage();
    }

    public static string Label(AlertFrequency f) => f switch
    {
        AlertFrequency.Immediately => "Immediately",
        AlertFrequency.Daily => "Daily",
        AlertFrequency.Weekly => "Weekly",
        _ => "Off",
    };

    public static string Description(AlertFrequency f) => f switch
    {
        AlertFrequency.Immediately => "An email within minutes of new critical reviews.",
        AlertFrequency.Daily => "At most one email a day, listing the new critical reviews.",
        AlertFrequency.Weekly => "At most one email a week, listing the new critical reviews.",
        _ => "No review alert emails.",
    };
}
