using BrandPortal.Core;
using BrandPortal.Core.Messaging;
using BrandPortal.Web.Hosting;
using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages.YourAccount.MessageCenter;

public sealed class MessageModel(CurrentUser current, MessageCenterService center, IStringLocalizer<MessagingText> text)
    : OutcomePageModel<MessageCenterMessage>
{
    [BindProperty] public string? Reply { get; set; }

    private long CustomerId => current.Required.CustomerId!.Value;

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowViewAsync(center.OpenAsync(CustomerId, id, ct));

    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct) => Act(id, center.AcceptRefundAsync(CustomerId, current.Actor, id, ct), ct);

    public Task<IActionResult> OnPostReplyAsync(long id, CancellationToken ct) => Act(id, center.ReplyAsync(CustomerId, id, Reply, ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(long id, CancellationToken ct) => Act(id, center.DeclineAsync(CustomerId, id, ct), ct);

    public Task<IActionResult> OnPostBlockAsync(long id, CancellationToken ct) => Act(id, center.BlockBrandAsync(CustomerId, id, ct), ct);

    private async Task<IActionResult> Act(long id, Task<Outcome> action, CancellationToken ct) => await ShowAsync((await action).Translate(text), () => OnGetAsync(id, ct), new { id });
}
