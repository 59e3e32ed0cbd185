using BrandPortal.Core;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Reviews;

/// <summary>
/// One review's work for the user's account: *Mark as done* / *Undo* (the buttons on each card post here) and assign to
/// a colleague who represents its brand, or unassign. Done: back to the filtered list it came from (a local
/// /Brands/Reviews address only). The handlers bind only what they use, so no filter value can ride along.
/// </summary>
[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class WorkModel(CurrentUser current, ReviewWorkService work) : OutcomePageModel<AssignView>
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool CanEdit => current.Required.Can(Permission.CustomerReviews, PermissionLevel.ViewAndEdit);

    public string Back => ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/Brands/Reviews", StringComparison.Ordinal) ? url : "/Brands/Reviews";

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowViewAsync(work.GetAssignAsync(current.Required, id, ct));

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostDoneAsync(long id, CancellationToken ct)
        => await Done(await work.SetDoneAsync(current.Required, current.Actor, id, true, ct), id, ct);

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostUndoAsync(long id, CancellationToken ct)
        => await Done(await work.SetDoneAsync(current.Required, current.Actor, id, false, ct), id, ct);

    /// <param name="userId">Only a user id: the service checks it again against the database (same account, represents the brand).</param>
    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostAsync(long id, long? userId, CancellationToken ct)
        => userId is null
            ? await Refuse("Choose who to assign the review to. Nothing was changed.", id, ct)
            : await Done(await work.AssignAsync(current.Required, current.Actor, id, userId, ct), id, ct);

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostUnassignAsync(long id, CancellationToken ct)
        => await Done(await work.AssignAsync(current.Required, current.Actor, id, null, ct), id, ct);

    /// <summary>Done: back to the filtered list with the words; refused: this page again with them (400); not the user's: 404.</summary>
    private async Task<IActionResult> Done(Outcome outcome, long id, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            Notice = outcome.Message;
            return LocalRedirect(Back);
        }
        return outcome.Kind == OutcomeKind.Refused ? await Refuse(outcome.Message!, id, ct) : await ShowAsync(outcome, () => OnGetAsync(id, ct));
    }

    private async Task<IActionResult> Refuse(string message, long id, CancellationToken ct)
    {
        Error = message;
        var page = await OnGetAsync(id, ct);
        if (page is PageResult p) p.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }
}
