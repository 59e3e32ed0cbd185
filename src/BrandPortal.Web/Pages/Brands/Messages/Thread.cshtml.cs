using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Messaging;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Messages;

[RequiresPermission(Permission.BuyerSellerMessages, PermissionLevel.View)]
public sealed class ThreadModel(CurrentUser current, BrandMessagesService messages) : PageModel
{
    public ThreadView View { get; private set; } = null!;

    [BindProperty] public string? Answer { get; set; }

    public string? Error { get; private set; }
    public IReadOnlyList<GuidelineViolation> Violations { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(long threadId, CancellationToken ct)
    {
        if (await messages.GetAsync(current.Required, threadId, ct) is not { } view) return NotFound();
        View = view;
        return Page();
    }

    [RequiresPermission(Permission.BuyerSellerMessages, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostAsync(long threadId, CancellationToken ct)
    {
        var result = await messages.AnswerAsync(current.Required.UserId, threadId, Answer, ct);
        if (result.Outcome == AnswerOutcome.NotFound) return NotFound();
        if (result.Outcome == AnswerOutcome.Sent)
        {
            Notice = result.Message;
            return RedirectToPage(new { threadId });
        }
        Error = result.Message;
        Violations = result.Violations ?? [];
        return await OnGetAsync(threadId, ct); // the draft stays in the box
    }
}
