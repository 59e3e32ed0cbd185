using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Notes;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Brands.Reviews;

[RequiresPermission(Permission.CustomerReviews, PermissionLevel.View)]
public sealed class ContactModel(CurrentUser current, ContactCustomerService contacts, ReviewNoteService notes) : OutcomePageModel<ContactPage>
{
    // Each form's values are the parameters of its own handler (not page properties), so that a note's handlers bind
    // only the note's values and the contact form only its reason.
    public ContactReason? Reason { get; private set; }

    /// <summary>The account's internal notes on the review, with what a refused note said and its draft.</summary>
    public ReviewNotes? Notes { get; private set; }
    public string? NoteError { get; private set; }
    public string? NoteDraft { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Notes = await notes.LoadAsync(current.Required, id, ct);
        return await ShowViewAsync(contacts.GetAsync(current.Required, id, ct));
    }

    /// <param name="reason">Bound by name (EnumNameBinder): an unknown reason arrives as null and the service asks to choose one.</param>
    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostAsync(long id, ContactReason? reason, CancellationToken ct)
    {
        Reason = reason;
        return await ShowAsync(await contacts.SendAsync(current.Required.UserId, current.Actor, id, reason, ct), () => OnGetAsync(id, ct), new { id });
    }

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostAddNoteAsync(long id, string? text, CancellationToken ct)
        => await ShowAsync(await notes.AddAsync(current.Required, current.Actor, id, text, ct), () => NoteAgainAsync(id, text, ct), new { id });

    [RequiresPermission(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)]
    public async Task<IActionResult> OnPostDeleteNoteAsync(long id, long noteId, CancellationToken ct)
        => await ShowAsync(await notes.DeleteAsync(current.Required, current.Actor, id, noteId, ct), () => NoteAgainAsync(id, null, ct), new { id });

    /// <summary>A refused note is shown in the notes section, with its draft, not with the contact form's errors.</summary>
    private Task<IActionResult> NoteAgainAsync(long id, string? draft, CancellationToken ct)
    {
        (NoteError, NoteDraft, Error) = (Error, draft, null);
        return OnGetAsync(id, ct);
    }
}
