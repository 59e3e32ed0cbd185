using BrandPortal.Core;
using BrandPortal.Core.Access;
using BrandPortal.Web.Hosting;
using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages.Account;

/// <summary>
/// The language of the pages: chosen here or with the footer's switcher (which posts here). The choice is this
/// browser's <c>bp.culture</c> cookie and, for a signed-in user, their stored language, which follows them to other
/// browsers. "Automatic" clears both: the browser's languages (for a customer, their marketplace's) decide again.
/// </summary>
public sealed class LanguageModel(UserLanguageService languages, CurrentUser current, IStringLocalizer<LanguageText> S) : OutcomePageModel
{
    [BindProperty] public string? Language { get; set; }
    /// <summary>The local page to go back to (the footer switcher sends its page); named "back" so it never mixes with a page's own ReturnUrl.</summary>
    [BindProperty(SupportsGet = true, Name = "back")] public string? Back { get; set; }

    public IReadOnlyList<string> Offered => LocalizationSetup.Offered(HttpContext.RequestServices);
    public string? Stored => current.Access?.Language;
    public bool SignedIn => current.IsSignedIn;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!UserLanguageService.TryPick(Language, Offered, out var wanted))
        {
            Error = S["Choose one of the languages offered. Nothing was changed."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (current.Access is { } user)
        {
            var outcome = await languages.SetAsync(user.UserId, current.Actor, wanted, Offered, ct);
            if (!outcome.Succeeded) return await ShowAsync(outcome, () => Task.CompletedTask);
        }
        if (wanted is null) Response.Cookies.Delete(LocalizationSetup.CultureCookie);
        else
            Response.Cookies.Append(LocalizationSetup.CultureCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(wanted)),
                new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365), Secure = Request.IsHttps });
        if (!string.IsNullOrEmpty(Back) && Url.IsLocalUrl(Back)) return LocalRedirect(Back);
        Notice = "Your language is saved."; // shown by the page in the language just chosen
        return RedirectToPage();
    }
}
