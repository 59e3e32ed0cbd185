using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Admin.Users;

/// <summary>The account's users and their permissions, and the invitation form; for the account administrator only.</summary>
[RequiresPermission(Permission.UserPermissions, PermissionLevel.ViewAndEdit)]
public sealed class IndexModel(PermissionService permissions, InvitationService invitations, CurrentUser current) : PageModel
{
    public IReadOnlyList<AccountUser> Users { get; private set; } = [];
    public string AccountName => current.Required.SellerAccountName ?? "";
    public long SelfId => current.Required.UserId;
    [BindProperty] public string? InviteEmail { get; set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var users = await permissions.ListUsersAsync(current.Required, HttpContext.RequestAborted);
        if (users is null) return StatusCode(StatusCodes.Status403Forbidden);
        Users = users;
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync()
    {
        var result = await invitations.InviteAsync(current.Required, current.Actor, InviteEmail, HttpContext.RequestAborted);
        if (result.Outcome == ChangeOutcome.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (result.Succeeded)
        {
            Message = result.Message;
            return RedirectToPage();
        }
        Error = result.Message;
        return await OnGetAsync();
    }
}
