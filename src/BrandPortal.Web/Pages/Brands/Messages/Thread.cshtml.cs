using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Messaging;
using BrandPortal.Web.Hosting;
using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages.Brands.Messages;

[RequiresPermission(Permission.BuyerSellerMessages, PermissionLevel.View)]
public sealed class ThreadModel(CurrentUser current, BrandMessagesService messages, IStringLocalizer<MessagingText> text) : OutcomePageModel<ThreadView>
{
    [BindProperty] public string? Answer { get; set; }

    public Task<IActionResult> OnGetAsync(long threadId, CancellationToken ct) => ShowViewAsync(messages.GetAsync(current.Required, threadId, ct));

    /// <remarks>A refused answer shows the page again with the draft still in the box, and the findings in the user's language.</remarks>
    [RequiresPermission(Permission.BuyerSellerMessages, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostAsync(long threadId, CancellationToken ct)
        => await ShowAsync((await messages.AnswerAsync(current.Required.UserId, threadId, Answer, ct)).Translate(text), () => OnGetAsync(threadId, ct),
            new { threadId });

    /// <summary>*No response needed*: stops the timer of the customer messages waiting on this thread.</summary>
    [RequiresPermission(Permission.BuyerSellerMessages, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostNoResponseNeededAsync(long threadId, CancellationToken ct)
        => await ShowAsync((await messages.MarkNoResponseNeededAsync(current.Required.UserId, current.Actor, threadId, ct)).Translate(text),
            () => OnGetAsync(threadId, ct), new { threadId });
}
