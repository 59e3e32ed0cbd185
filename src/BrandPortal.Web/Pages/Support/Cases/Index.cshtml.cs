using BrandPortal.Core.Cases;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Support.Cases;

/// <summary>Support's queue: open cases oldest first, each approved or rejected with a note.</summary>
public sealed class IndexModel(CaseService cases, CurrentUser current) : OutcomePageModel
{
    protected override Type MessageResource => typeof(BrandPortal.Web.Localization.AdminText);
    public IReadOnlyList<CaseRow> Open { get; private set; } = [];
    public IReadOnlyList<CaseRow> Decided { get; private set; } = [];
    /// <summary>The case a refused decision was about, so the error and the note typed stay next to it.</summary>
    public long? ErrorCaseId { get; private set; }
    public string? PostedNote { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => (Open, Decided) = await cases.ListForSupportAsync(ct);

    public async Task<IActionResult> OnPostAsync(long caseId, string? decision, string? note, CancellationToken ct)
    {
        (ErrorCaseId, PostedNote) = (caseId, note);
        return await ShowAsync(await cases.DecideAsync(current.Required, current.Actor, caseId, decision, note, ct), () => OnGetAsync(ct));
    }
}
