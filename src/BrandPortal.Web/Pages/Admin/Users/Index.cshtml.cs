using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Admin.Users;

/// <summary>The account's users and their permissions, and the invitation form; for the account administrator only.</summary>
[RequiresPermission(Permission.UserPermissions, PermissionLevel.ViewAndEdit)]
public sealed class IndexModel(PermissionService permissions, InvitationService invitations, CurrentUser current) : OutcomePageModel
{
    protected override Type MessageResource => typeof(BrandPortal.Web.Localization.AdminText);
    public IReadOnlyList<AccountUser> Users { get; private set; } = [];
    public string AccountName => current.Required.SellerAccountName ?? "";
    public long SelfId => current.Required.UserId;
    [BindProperty] public string? InviteEmail { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var users = await permissions.ListUsersAsync(current.Required, ct);
        if (users is null) return StatusCode(StatusCodes.Status403Forbidden);
        Users = users;
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
        => await ShowAsync(await invitations.InviteAsync(current.Required, current.Actor, InviteEmail, ct), () => OnGetAsync(ct));
}
