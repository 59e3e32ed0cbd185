using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Account;

/// <summary>
/// Sign-out is "sign out everywhere": it rotates the user's security stamp, so this cookie and every copy of it, and
/// every other session of the user, stop working on their next request (see AccessService.LoadSessionAsync).
/// </summary>
public sealed class LogoutModel(SignInService signIns, SignInManager<PortalUser> cookies, CurrentUser current) : PageModel
{
    public bool SignedIn => current.IsSignedIn;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (current.IsSignedIn) await signIns.SignOutEverywhereAsync(current.Actor, HttpContext.RequestAborted);
        await cookies.SignOutAsync();
        return Redirect("/Account/Login");
    }
}
