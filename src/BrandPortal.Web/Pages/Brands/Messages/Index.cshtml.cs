using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Messaging;
using BrandPortal.Core.Paging;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Messages;

[RequiresPermission(Permission.BuyerSellerMessages, PermissionLevel.View)]
public sealed class IndexModel(CurrentUser current, BrandMessagesService messages) : PageModel, IExplainsMissingPermission
{
    public UserAccess Access => current.Required;
    public KeysetPage<ThreadSummary> Threads { get; private set; } = KeysetPage<ThreadSummary>.Empty;

    /// <summary>Set when the page link could not be read: the first page is shown with this message.</summary>
    public string? PageMessage { get; private set; }

    /// <summary>True on a page reached by a cursor: an empty one is past the end, not "no conversations yet".</summary>
    public bool Paged { get; private set; }

    public async Task OnGetAsync([FromQuery] string? after, [FromQuery] string? before, CancellationToken ct)
    {
        var (request, message) = PageRequest.Parse(after, before);
        PageMessage = message;
        Paged = request != PageRequest.First;
        Threads = await messages.PageAsync(Access, request, ct: ct);
    }

    /// <summary>The page itself says which permission or role is missing and whom to ask.</summary>
    public IActionResult ExplainMissingPermission(IReadOnlyList<PermissionRequirement> missing) => Page();
}
