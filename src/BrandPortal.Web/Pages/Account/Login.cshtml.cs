using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Account;

public sealed class LoginModel(SignInManager<PortalUser> signIn, BrandPortalDbContext db, CurrentUser current, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 254 || Password.Length > 200)
        {
            Error = "Enter your email and password.";
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Email.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);

        var actor = new Actor(user?.Id, Email.Trim(), user?.SellerAccountId, current.ClientIp);
        db.Audit(actor, result.Succeeded ? AuditActions.SignIn : AuditActions.SignInFailed, "User", user?.Id.ToString() ?? "unknown",
            null, result.IsLockedOut ? "locked out" : null, clock.GetUtcNow());
        await db.SaveChangesAsync();

        if (result.Succeeded)
        {
            if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
            return Redirect(user!.IsSupport ? "/Support/Cases" : user.CustomerId is not null ? "/YourAccount/MessageCenter" : "/Brands");
        }
        Error = result.IsLockedOut
            ? "This account is locked after too many failed sign-ins. Try again in 15 minutes."
            : "The email or password is not right.";
        return Page();
    }
}
