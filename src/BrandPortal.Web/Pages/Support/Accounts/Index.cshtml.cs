using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Support;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Support.Accounts;

/// <summary>Support sets a seller account's plan and standing; eligibility reads them live.</summary>
public sealed class IndexModel(SupportService support, CurrentUser current) : PageModel
{
    public IReadOnlyList<SupportAccount> Accounts { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Accounts = await support.AccountsAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(long accountId, string? plan, string? standing)
    {
        SellerPlan? p = Enum.TryParse<SellerPlan>(plan, false, out var pv) && Enum.IsDefined(pv) && !plan!.Any(char.IsDigit) ? pv : null;
        AccountStanding? s = Enum.TryParse<AccountStanding>(standing, false, out var sv) && Enum.IsDefined(sv) && !standing!.Any(char.IsDigit) ? sv : null;
        var result = await support.SetAccountAsync(current.Required, current.Actor, accountId, p, s, HttpContext.RequestAborted);
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
