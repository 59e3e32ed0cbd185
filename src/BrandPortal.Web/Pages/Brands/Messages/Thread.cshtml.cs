using BrandPortal.Core.Messaging;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Brands.Messages;

public sealed class ThreadModel(CurrentUser current, BrandMessagesService messages) : OutcomePageModel
{
    public ThreadView View { get; private set; } = null!;

    [BindProperty] public string? Answer { get; set; }

    public async Task<IActionResult> OnGetAsync(long threadId, CancellationToken ct)
    {
        if (await messages.GetAsync(current.Required, threadId, ct) is not { } view) return NotFound();
        View = view;
        return Page();
    }

    /// <remarks>A refused answer shows the page again with the draft still in the box.</remarks>
    public async Task<IActionResult> OnPostAsync(long threadId, CancellationToken ct)
        => await ShowAsync(await messages.AnswerAsync(current.Required.UserId, threadId, Answer, ct), () => OnGetAsync(threadId, ct), new { threadId });
}
