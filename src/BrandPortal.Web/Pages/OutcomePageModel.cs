using BrandPortal.Core;
using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages;

/// <summary>
/// A page whose form asks a service for a change and shows the <see cref="Outcome"/> the same way everywhere:
/// done is a redirect (POST-redirect-GET) carrying the service's words as a notice; not found is 404, forbidden 403;
/// refused shows the page again with the message and the broken rules; conflict does the same with 409.
/// </summary>
public abstract class OutcomePageModel : PageModel
{
    /// <summary>The service's words after a change that was made, shown once on the page the browser is sent to.</summary>
    [TempData] public string? Notice { get; set; }

    public string? Error { get; protected set; }

    public IReadOnlyList<OutcomeReason> Reasons { get; private set; } = [];

    /// <summary>
    /// The marker class whose resources translate this page's service messages (they are translated where they are
    /// shown, by their English format); null shows them as the service wrote them.
    /// </summary>
    protected virtual Type? MessageResource => null;

    /// <summary>The service's message in the reader's language (or as written, without a <see cref="MessageResource"/>).</summary>
    protected string? Say(Outcome outcome)
        => MessageResource is { } resource ? Localizer(resource).Say(outcome) : outcome.Message;

    private IStringLocalizer Localizer(Type resource) => HttpContext.RequestServices.GetRequiredService<IStringLocalizerFactory>().Create(resource);

    /// <param name="outcome">What the service answered.</param>
    /// <param name="again">Shows the page again (usually its GET handler) after a refusal.</param>
    /// <param name="routeValues">Where a done change redirects to: this page, with these route values.</param>
    public async Task<IActionResult> ShowAsync(Outcome outcome, Func<Task<IActionResult>> again, object? routeValues = null)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Done:
                Notice = Say(outcome);
                return RedirectToPage(routeValues);
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
        }
        Error = Say(outcome);
        Reasons = MessageResource is { } resource ? Localizer(resource).Say(outcome.Reasons) : outcome.Reasons;
        var result = await again();
        if (outcome.Kind == OutcomeKind.Conflict && result is PageResult page) page.StatusCode = StatusCodes.Status409Conflict;
        return result;
    }

    /// <summary>As above, for a page whose GET handler returns nothing: the page itself is shown again.</summary>
    public Task<IActionResult> ShowAsync(Outcome outcome, Func<Task> again, object? routeValues = null)
        => ShowAsync(outcome, async () =>
        {
            await again();
            return Page();
        }, routeValues);
}

/// <summary>An <see cref="OutcomePageModel"/> about one object a service loads (a review to contact, a thread, a message), or 404.</summary>
public abstract class OutcomePageModel<TView> : OutcomePageModel where TView : class
{
    public TView View { get; private set; } = null!;

    /// <summary>The page with the loaded object; 404 when the service found none the user may see.</summary>
    protected async Task<IActionResult> ShowViewAsync(Task<TView?> load)
    {
        if (await load is not { } view) return NotFound();
        View = view;
        return Page();
    }
}
