using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.SavedViews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Brands.Reviews;

/// <summary>
/// Saved views of Customer Reviews: save the filter given in <c>query</c> (the filter panel's Save form posts here), and
/// list, rename and delete views. Each form's values are its handler's parameters; the rules are in SavedViewService.
/// </summary>
[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class ViewsModel(CurrentUser current, SavedViewService views) : OutcomePageModel
{
    public SavedViewList List { get; private set; } = new([], [], false);

    /// <summary>The filter the Save form saves: normalized, and parsed (the page describes it in words); with the draft of a refused save.</summary>
    public string Query { get; private set; } = "";
    public ReviewFilter Filter { get; private set; } = ReviewFilter.Default;
    public IReadOnlyList<BrandRoleGrant> Brands => current.Required.RepresentedBrands;
    public string? DraftName { get; private set; }
    public SavedViewVisibility DraftVisibility { get; private set; } = SavedViewVisibility.Private;

    public async Task<IActionResult> OnGetAsync(string? query, CancellationToken ct)
    {
        if (await views.ListAsync(current.Required, ct) is not { } list) return StatusCode(StatusCodes.Status403Forbidden);
        List = list;
        var (parsed, normalized) = SavedViewQuery.Normalize(query, Brands);
        (Query, Filter) = (normalized, parsed.Filter);
        return Page();
    }

    /// <summary>A listed view's filter, to describe it in the request's language (the list describes it in English).</summary>
    public ReviewFilter FilterOf(SavedViewItem view) => SavedViewQuery.Normalize(view.Query, Brands).Parsed.Filter;

    /// <param name="visibility">Bound by name (EnumNameBinder): anything but Private or Shared arrives as null and is refused.</param>
    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostSaveAsync(string? name, SavedViewVisibility? visibility, string? query, CancellationToken ct)
        => await ShowAsync(await views.SaveAsync(current.Required, current.Actor, name, visibility, query, ct), () =>
        {
            (DraftName, DraftVisibility) = (name, visibility ?? SavedViewVisibility.Private);
            return OnGetAsync(query, ct);
        });

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostRenameAsync(long viewId, string? name, CancellationToken ct)
        => await ShowAsync(await views.RenameAsync(current.Required, current.Actor, viewId, name, ct), () => OnGetAsync(null, ct));

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostDeleteAsync(long viewId, CancellationToken ct)
        => await ShowAsync(await views.DeleteAsync(current.Required, current.Actor, viewId, ct), () => OnGetAsync(null, ct));
}
