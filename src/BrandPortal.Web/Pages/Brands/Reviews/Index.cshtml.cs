using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Brands.Reviews;

[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class IndexModel(CurrentUser current, ReviewQuery reviews) : OutcomePageModel, IExplainsMissingPermission
{
    public UserAccess Access => current.Required;
    public IReadOnlyList<MissingReviewAccess> Missing { get; private set; } = [];
    public ReviewsPage? Result { get; private set; }

    // The filter arrives as text and is parsed by ReviewFilter in Core (which words its own messages); binding it here
    // declares the page's inputs, so that the endpoint metadata (and the security sweeps) know every one of them.
    [BindProperty(SupportsGet = true)] public string?[] Stars { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Brand { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Contact { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The permission is checked before the handler; the Brand Representative role is the other half of access.
        if (ReviewAccess.Missing(Access).Count > 0) return ExplainMissingPermission([]);
        Result = await reviews.LoadAsync(Access, Filter(), ct);
        return Page();
    }

    /// <summary>A page that says what is missing and how to get it, with the status an API client expects.</summary>
    public IActionResult ExplainMissingPermission(IReadOnlyList<PermissionRequirement> missing)
    {
        Missing = ReviewAccess.Missing(Access);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>Every review of the current filter as CSV, streamed as it is read (the page cursor is ignored).</summary>
    public IActionResult OnGetCsv()
        => reviews.Export(Access, Filter().Filter) is { } rows
            ? new CsvDownload("brandportal-reviews", (writer, ct) => ReviewCsv.WriteAsync(writer, rows, ct))
            : StatusCode(StatusCodes.Status403Forbidden);

    private ParsedReviewFilter Filter()
    {
        var input = new ReviewFilterInput(Stars, Brand, Period, From, To, Contact, Q, Sort, After, Done, Assignee, Topic);
        return ReviewFilter.Parse(input, Access.RepresentedBrands);
    }
}
