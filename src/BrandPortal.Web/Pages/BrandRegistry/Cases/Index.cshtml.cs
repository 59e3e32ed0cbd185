using BrandPortal.Core.Access;
using BrandPortal.Core.Cases;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.BrandRegistry.Cases;

/// <summary>A brand's Administrator submits cases asking for Brand Representative access, and follows their state.</summary>
public sealed class IndexModel(CaseService cases, CurrentUser current) : PageModel
{
    public IReadOnlyList<CaseBrand> Brands { get; private set; } = [];
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];
    public IReadOnlyList<string> Suggestions { get; private set; } = [];
    [BindProperty] public long BrandId { get; set; }
    [BindProperty] public string? UserEmail { get; set; }
    [BindProperty] public string? Justification { get; set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!current.Required.IsBrandRegistryAdmin) return StatusCode(StatusCodes.Status403Forbidden);
        Brands = CaseService.AdministeredBrands(current.Required);
        Cases = await cases.ListForBrandAdminAsync(current.Required, HttpContext.RequestAborted);
        Suggestions = await cases.SuggestedUsersAsync(current.Required, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await cases.SubmitAsync(current.Required, current.Actor, BrandId, UserEmail, Justification, HttpContext.RequestAborted);
        if (result.Outcome == ChangeOutcome.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (result.Succeeded)
        {
            Message = result.Message;
            return RedirectToPage();
        }
        Error = result.Message;
        return await OnGetAsync();
    }
}
