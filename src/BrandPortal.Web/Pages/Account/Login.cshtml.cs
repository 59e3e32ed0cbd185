using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using BrandPortal.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Account;

/// <summary>Checks the sign-in in Core (audit, lockout, the neutral refusal) and issues the cookie.</summary>
public sealed class LoginModel(SignInService signIns, SignInManager<PortalUser> cookies, CurrentUser current, IStringLocalizer<AccountText> S) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var attempt = await signIns.SignInAsync(Email, Password, current.ClientIp, HttpContext.RequestAborted);
        if (!attempt.Succeeded)
        {
            Error = AccountText.Translate(S, attempt.Refusal ?? SignInService.Refused);
            return Page();
        }
        await cookies.SignInAsync(attempt.User!, isPersistent: false);
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        return Redirect(attempt.Home!);
    }
}
