using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Reviews;

/// <summary>Assign one review to a colleague who represents its brand, or unassign it; back to the list it came from.</summary>
[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class AssignModel(CurrentUser current, ReviewWorkService work) : OutcomePageModel<AssignView>
{
    /// <summary>Only a user id: the service checks it again against the database (same account, represents the brand).</summary>
    [BindProperty] public long? AssigneeUserId { get; set; }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool CanEdit => current.Required.Can(Permission.CustomerReviews, PermissionLevel.ViewAndEdit);

    public string Back => ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/Brands/Reviews", StringComparison.Ordinal) ? url : "/Brands/Reviews";

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowViewAsync(work.GetAssignAsync(current.Required, id, ct));

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
        => AssigneeUserId is null
            ? await Refuse("Choose who to assign the review to. Nothing was changed.", id, ct)
            : await Done(await work.AssignAsync(current.Required, current.Actor, id, AssigneeUserId, ct), id, ct);

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostUnassignAsync(long id, CancellationToken ct)
        => await Done(await work.AssignAsync(current.Required, current.Actor, id, null, ct), id, ct);

    /// <summary>Done: back to the filtered list with the words; refused: this page again with them (400); not the user's: 404.</summary>
    private async Task<IActionResult> Done(BrandPortal.Core.Outcome outcome, long id, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            Notice = outcome.Message;
            return LocalRedirect(Back);
        }
        return outcome.Kind == BrandPortal.Core.OutcomeKind.Refused ? await Refuse(outcome.Message!, id, ct) : await ShowAsync(outcome, () => OnGetAsync(id, ct));
    }

    private async Task<IActionResult> Refuse(string message, long id, CancellationToken ct)
    {
        Error = message;
        var page = await OnGetAsync(id, ct);
        if (page is PageResult p) p.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
