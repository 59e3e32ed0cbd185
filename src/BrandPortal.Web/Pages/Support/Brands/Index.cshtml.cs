using BrandPortal.Core;
using BrandPortal.Core.Support;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Support.Brands;

/// <summary>Support sets a brand's Brand Registry registration and the seller accounts associated with it.</summary>
public sealed class IndexModel(SupportService support, CurrentUser current) : OutcomePageModel
{
    protected override Type MessageResource => typeof(BrandPortal.Web.Localization.AdminText);
    public IReadOnlyList<SupportBrand> Brands { get; private set; } = [];
    public IReadOnlyList<SupportAccount> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Brands = await support.BrandsAsync(ct);
        Accounts = await support.AccountsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(long brandId, bool registered, long[]? sellerIds, CancellationToken ct)
    {
        var outcome = ModelState.IsValid
            ? await support.SetBrandAsync(current.Required, current.Actor, brandId, registered, sellerIds ?? [], ct)
            : Outcome.Refused("The form could not be read. Reload the page and try again.");
        return await ShowAsync(outcome, () => OnGetAsync(ct));
    }
}
