using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages;

/// <summary>The portal's front door sends each kind of user to where their work is.</summary>
public sealed class IndexModel(CurrentUser current) : PageModel
{
    public IActionResult OnGet() => Redirect(HomeOf(current));

    public static string HomeOf(CurrentUser current) => current.Access switch
    {
        null => "/Account/Login",
        { IsSupport: true } => "/Support/Cases",
        { IsCustomer: true } => "/YourAccount/MessageCenter",
        _ => "/Brands",
    };
}
