using System.Text;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Reviews;

[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class IndexModel(CurrentUser current, ReviewQuery reviews) : PageModel, IExplainsMissingPermission
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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Missing = ReviewAccess.Missing(Access);
        if (Missing.Count > 0)
        {
            // A page that says what is missing and how to get it, with the status an API client expects.
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Result = await reviews.LoadAsync(Access, Filter(), ct);
        return Page();
    }

    public IActionResult ExplainMissingPermission(IReadOnlyList<PermissionRequirement> missing)
    {
        Missing = ReviewAccess.Missing(Access);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    /// <summary>Every review of the current filter as CSV, streamed as it is read (the page cursor is ignored).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = reviews.Export(Access, Filter().Filter);
        if (rows is null) return StatusCode(StatusCodes.Status403Forbidden);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"brandportal-reviews-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await ReviewCsv.WriteAsync(writer, rows, ct);
        return new EmptyResult();
    }

    private ParsedReviewFilter Filter()
    {
        var input = new ReviewFilterInput(Stars, Brand, Period, From, To, Contact, Q, Sort, After);
        return ReviewFilter.Parse(input, Access.RepresentedBrands);
    }
}
