using BrandPortal.Core.Access;
using BrandPortal.Core.Support;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Support.Brands;

/// <summary>Support sets a brand's Brand Registry registration and the seller accounts associated with it.</summary>
public sealed class IndexModel(SupportService support, CurrentUser current) : PageModel
{
    public IReadOnlyList<SupportBrand> Brands { get; private set; } = [];
    public IReadOnlyList<SupportAccount> Accounts { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Brands = await support.BrandsAsync(HttpContext.RequestAborted);
        Accounts = await support.AccountsAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync(long brandId, bool registered, long[]? sellerIds)
    {
        if (!ModelState.IsValid)
        {
            Error = "The form could not be read. Reload the page and try again.";
            await OnGetAsync();
            return Page();
        }
        var result = await support.SetBrandAsync(current.Required, current.Actor, brandId, registered, sellerIds ?? [], HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case ChangeOutcome.Forbidden: return StatusCode(StatusCodes.Status403Forbidden);
            case ChangeOutcome.NotFound: return NotFound();
            case ChangeOutcome.Done:
                Message = result.Message;
                return RedirectToPage();
        }
        Error = result.Message;
        await OnGetAsync();
        return Page();
    }
}
