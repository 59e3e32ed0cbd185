using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Reviews;

/// <summary>
/// The confirmation of a bulk action: GET (from the bulk bar) counts and asks — for *Assign to …* first who to — and
/// writes nothing; POST does it in one statement and goes back to the list with what changed and what was skipped.
/// </summary>
[RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
public sealed class BulkModel(CurrentUser current, ReviewBulkService bulk) : OutcomePageModel
{
    // The list's filter, as the bulk bar carries it (parsed by ReviewFilter like the list's own).
    [BindProperty(SupportsGet = true)] public string?[] Stars { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Brand { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Contact { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }
    // What to do to which reviews.
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public long[] Ids { get; set; } = [];
    [BindProperty(SupportsGet = true)] public long? AssignTo { get; set; }

    public ReviewFilter Filter { get; private set; } = ReviewFilter.Default;
    public IReadOnlyList<BrandPortal.Core.Access.BrandRoleGrant> Brands => current.Required.RepresentedBrands;
    public BulkPreview? Preview { get; private set; }
    public IReadOnlyList<AssigneeCandidate> Candidates { get; private set; } = [];
    public BulkAction? Chosen { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The Brand Representative role first: without it there is nothing to select, whatever the request says.
        if (ReviewAccess.Missing(current.Required).Count > 0) return StatusCode(StatusCodes.Status403Forbidden);
        if (!Parse()) return Page();
        if (Chosen == BulkAction.Assign) Candidates = await bulk.CandidatesAsync(current.Required, ct);
        if (Chosen == BulkAction.Assign && AssignTo is null) return Page(); // first: who to
        var (preview, refusal) = await bulk.PreviewAsync(current.Required, Chosen!.Value, Selection(), AssignTo, ct);
        Preview = preview;
        return refusal is null ? Page() : await ShowAsync(refusal, () => Task.FromResult<IActionResult>(Refused()));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReviewAccess.Missing(current.Required).Count > 0) return StatusCode(StatusCodes.Status403Forbidden);
        if (!Parse()) return Refused();
        var outcome = await bulk.ApplyAsync(current.Required, current.Actor, Chosen!.Value, Selection(), AssignTo, ct);
        if (!outcome.Succeeded) return await ShowAsync(outcome, () => Task.FromResult<IActionResult>(Refused()));
        Notice = outcome.Message;
        return LocalRedirect("/Brands/Reviews" + Filter.ToQueryString());
    }

    private BulkSelection Selection() => new(Filter, All, Ids);

    /// <summary>The filter and the action; false (with the message in Error) when the action is not one of the three.</summary>
    private bool Parse()
    {
        Filter = ReviewFilter.Parse(new ReviewFilterInput(Stars, Brand, Period, From, To, Contact, Q, Sort, null, Done, Assignee),
            current.Required.RepresentedBrands).Filter;
        Chosen = Action?.Trim().ToLowerInvariant() switch { "done" => BulkAction.Done, "undo" => BulkAction.Undo, "assign" => BulkAction.Assign, _ => null };
        if (Chosen is null) Error = "Choose Mark as done, Undo done or Assign to … in the bar above the reviews. Nothing was changed.";
        return Chosen is not null;
    }

    private PageResult Refused() => new() { StatusCode = StatusCodes.Status400BadRequest };
}
