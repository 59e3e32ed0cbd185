using BrandPortal.Core.Alerts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Alerts;

/// <summary>
/// The unsubscribe link of a review digest: works without signing in, because the signed token names the user. The
/// GET only asks (mail scanners open links); the button's POST turns alerts off.
/// </summary>
public sealed class UnsubscribeModel(AlertSettingsService alerts, UnsubscribeTokens tokens) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public bool Valid { get; private set; }
    public UnsubscribeOutcome? Outcome { get; private set; }

    public IActionResult OnGet()
    {
        Valid = tokens.Read(Token) is not null;
        if (!Valid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Outcome = await alerts.UnsubscribeAsync(Token, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        Valid = Outcome != UnsubscribeOutcome.InvalidLink;
        if (!Valid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
