using BrandPortal.Core.Cases;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.BrandRegistry.Cases;

/// <summary>A brand's Administrator submits cases asking for Brand Representative access, and follows their state.</summary>
public sealed class IndexModel(CaseService cases, CurrentUser current) : OutcomePageModel
{
    protected override Type MessageResource => typeof(BrandPortal.Web.Localization.AdminText);
    public IReadOnlyList<CaseBrand> Brands { get; private set; } = [];
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];
    public IReadOnlyList<string> Suggestions { get; private set; } = [];
    [BindProperty] public long BrandId { get; set; }
    [BindProperty] public string? UserEmail { get; set; }
    [BindProperty] public string? Justification { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!current.Required.IsBrandRegistryAdmin) return StatusCode(StatusCodes.Status403Forbidden);
        Brands = CaseService.AdministeredBrands(current.Required);
        Cases = await cases.ListForBrandAdminAsync(current.Required, ct);
        Suggestions = await cases.SuggestedUsersAsync(current.Required, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
        => await ShowAsync(await cases.SubmitAsync(current.Required, current.Actor, BrandId, UserEmail, Justification, ct), () => OnGetAsync(ct));
}
