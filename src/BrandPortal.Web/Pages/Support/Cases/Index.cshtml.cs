using BrandPortal.Core.Access;
using BrandPortal.Core.Cases;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Support.Cases;

/// <summary>Support's queue: open cases oldest first, each approved or rejected with a note.</summary>
public sealed class IndexModel(CaseService cases, CurrentUser current) : PageModel
{
    public IReadOnlyList<CaseRow> Open { get; private set; } = [];
    public IReadOnlyList<CaseRow> Decided { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }
    public long? ErrorCaseId { get; private set; }
    public string? PostedNote { get; private set; }

    public async Task OnGetAsync() => (Open, Decided) = await cases.ListForSupportAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(long caseId, string? decision, string? note)
    {
        var result = decision is "approve" or "reject"
            ? await cases.DecideAsync(current.Required, current.Actor, caseId, decision == "approve", note, HttpContext.RequestAborted)
            : ChangeResult.Invalid("Choose Approve or Reject.");
        switch (result.Outcome)
        {
            case ChangeOutcome.Forbidden: return StatusCode(StatusCodes.Status403Forbidden);
            case ChangeOutcome.NotFound: return NotFound();
            case ChangeOutcome.Done:
                Message = result.Message;
                return RedirectToPage();
        }
        (Error, ErrorCaseId, PostedNote) = (result.Message, caseId, note);
        await OnGetAsync();
        return result.Outcome == ChangeOutcome.Conflict ? new PageResult { StatusCode = StatusCodes.Status409Conflict } : Page();
    }
}
