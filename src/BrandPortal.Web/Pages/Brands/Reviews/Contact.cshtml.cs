using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Brands.Reviews;

[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class ContactModel(CurrentUser current, ContactCustomerService contacts) : OutcomePageModel<ContactPage>
{
    /// <summary>Bound by name (EnumNameBinder): an unknown reason arrives as null and the service asks to choose one.</summary>
    [BindProperty] public ContactReason? Reason { get; set; }

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowViewAsync(contacts.GetAsync(current.Required, id, ct));

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
        => await ShowAsync(await contacts.SendAsync(current.Required.UserId, current.Actor, id, Reason, ct), () => OnGetAsync(id, ct), new { id });
}
