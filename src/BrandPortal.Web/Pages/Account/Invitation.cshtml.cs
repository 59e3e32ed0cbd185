using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using BrandPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages.Account;

/// <summary>The one-time link of an invitation email: set a password and sign in.</summary>
public sealed class InvitationModel(InvitationService invitations, SignInManager<PortalUser> signIn, IStringLocalizer<AccountText> S) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirmation { get; set; }
    public InvitationLookup? Invitation { get; private set; }
    public string? Error { get; private set; }

    /// <summary>A refusal of Core's, in the page's language.</summary>
    public string Translate(string english) => AccountText.Translate(S, english);

    public async Task OnGetAsync()
    {
        // The token is in this page's address: never hand it on to another site.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Invitation = await invitations.LookupAsync(Token, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (userId, refusal) = await invitations.AcceptAsync(Token, Password, Confirmation, HttpContext.RequestAborted);
        if (userId is null)
        {
            await OnGetAsync();
            Error = Translate(refusal ?? InvitationService.Unknown);
            return Page();
        }
        var user = await signIn.UserManager.FindByIdAsync(userId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await signIn.SignInAsync(user!, isPersistent: false);
        return Redirect("/Brands");
    }
}
