using BrandPortal.Core.Messaging;
using BrandPortal.Core.Paging;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.YourAccount.MessageCenter;

public sealed class IndexModel(CurrentUser current, MessageCenterService center) : PageModel
{
    public KeysetPage<MessageCenterItem> Items { get; private set; } = KeysetPage<MessageCenterItem>.Empty;

    public int Unread { get; private set; }

    /// <summary>Set when the page link could not be read: the first page is shown with this message.</summary>
    public string? PageMessage { get; private set; }

    public bool Paged { get; private set; }

    public async Task OnGetAsync([FromQuery] string? after, [FromQuery] string? before, CancellationToken ct)
    {
        var (request, message) = PageRequest.Parse(after, before);
        PageMessage = message;
        Paged = request != PageRequest.First;
        var customerId = current.Required.CustomerId!.Value;
        Items = await center.PageAsync(customerId, request, ct: ct);
        Unread = await center.CountUnreadAsync(customerId, ct);
    }
}
