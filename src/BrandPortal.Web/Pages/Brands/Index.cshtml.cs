using BrandPortal.Core.Access;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands;

public sealed class IndexModel(CurrentUser current) : PageModel
{
    public UserAccess Access => current.Required;

    public void OnGet() { }
}
