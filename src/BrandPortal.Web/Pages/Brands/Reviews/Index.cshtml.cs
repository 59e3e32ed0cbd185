using BrandPortal.Core.Access;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Reviews;

public sealed class IndexModel(CurrentUser current, ReviewQuery reviews) : PageModel
{
    public UserAccess Access => current.Required;
    public IReadOnlyList<MissingReviewAccess> Missing { get; private set; } = [];
    public ReviewsPage? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Missing = ReviewAccess.Missing(Access);
        if (Missing.Count > 0)
        {
            // A page that says what is missing and how to get it, with the status an API client expects.
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        var q = Request.Query;
        var input = new ReviewFilterInput(q["stars"].ToArray(), q["brand"], q["period"], q["from"], q["to"], q["contact"], q["q"], q["sort"], q["after"]);
        Result = await reviews.LoadAsync(Access, ReviewFilter.Parse(input, Access.RepresentedBrands), ct);
        return Page();
    }
}
