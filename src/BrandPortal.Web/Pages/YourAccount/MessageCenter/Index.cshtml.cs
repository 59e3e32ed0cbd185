using BrandPortal.Core.Messaging;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.YourAccount.MessageCenter;

public sealed class IndexModel(CurrentUser current, MessageCenterService center) : PageModel
{
    public IReadOnlyList<MessageCenterItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await center.ListAsync(current.Required.CustomerId!.Value, ct);
}
