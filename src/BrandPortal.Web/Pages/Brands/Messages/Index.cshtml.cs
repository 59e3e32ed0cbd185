using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Messaging;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Messages;

[RequiresPermission(Permission.BuyerSellerMessages, PermissionLevel.View)]
public sealed class IndexModel(CurrentUser current, BrandMessagesService messages) : PageModel, IExplainsMissingPermission
{
    public UserAccess Access => current.Required;
    public IReadOnlyList<ThreadSummary> Threads { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Threads = await messages.ListAsync(Access, ct);

    /// <summary>The page itself says which permission or role is missing and whom to ask.</summary>
    public IActionResult ExplainMissingPermission(IReadOnlyList<PermissionRequirement> missing) => Page();
}
