using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Reviews;

[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class ContactModel(CurrentUser current, ContactCustomerService contacts) : PageModel
{
    public ContactPage View { get; private set; } = null!;

    [BindProperty] public ContactReason? Reason { get; set; }

    public string? Error { get; private set; }
    public IReadOnlyList<UnmetCondition>? Unmet { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await contacts.GetAsync(current.Required, id, ct) is not { } view) return NotFound();
        View = view;
        return Page();
    }

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (Reason is not { } reason || !Enum.IsDefined(reason))
        {
            Error = "Choose a reason: Courtesy Refund or Customer Support.";
            return await OnGetAsync(id, ct);
        }
        var result = await contacts.SendAsync(current.Required.UserId, current.Actor, id, reason, ct);
        switch (result.Outcome)
        {
            case ContactOutcome.Sent:
                Notice = "The email is on its way to the customer. Its delivery shows below.";
                return RedirectToPage(new { id });
            case ContactOutcome.NotFound:
                return NotFound();
            case ContactOutcome.AlreadyContacted:
                Error = result.Message;
                break;
            default:
                Error = result.Message ?? "The customer cannot be contacted about this review:";
                Unmet = result.Unmet;
                break;
        }
        return await OnGetAsync(id, ct);
    }
}
