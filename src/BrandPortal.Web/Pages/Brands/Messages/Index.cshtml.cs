using BrandPortal.Core.Access;
using BrandPortal.Core.Messaging;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Messages;

public sealed class IndexModel(CurrentUser current, BrandMessagesService messages) : PageModel
{
    public UserAccess Access => current.Required;
    public IReadOnlyList<ThreadSummary> Threads { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Threads = await messages.ListAsync(Access, ct);
}
