using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Support;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Support.Accounts;

/// <summary>Support sets a seller account's plan and standing; eligibility reads them live.</summary>
public sealed class IndexModel(SupportService support, CurrentUser current) : OutcomePageModel
{
    protected override Type MessageResource => typeof(BrandPortal.Web.Localization.AdminText);
    public IReadOnlyList<SupportAccount> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await support.AccountsAsync(ct);

    /// <remarks>Plan and standing are bound by name (EnumNameBinder): anything else arrives as null and is refused.</remarks>
    public async Task<IActionResult> OnPostAsync(long accountId, SellerPlan? plan, AccountStanding? standing, CancellationToken ct)
        => await ShowAsync(await support.SetAccountAsync(current.Required, current.Actor, accountId, plan, standing, ct), () => OnGetAsync(ct));
}
