using BrandPortal.Core;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Admin.Users;

/// <summary>One user's permissions by header, for the administrator of that user's seller account only.</summary>
[RequiresPermission(Permission.UserPermissions, PermissionLevel.ViewAndEdit)]
public sealed class EditModel(PermissionService permissions, CurrentUser current) : OutcomePageModel
{
    protected override Type MessageResource => typeof(BrandPortal.Web.Localization.AdminText);
    public AccountUser? Subject { get; private set; }
    public bool IsSelf => Subject?.Id == current.Required.UserId;
    [BindProperty] public Dictionary<string, string> Levels { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!current.Required.ManagesUsers) return StatusCode(StatusCodes.Status403Forbidden);
        Subject = await permissions.GetUserAsync(current.Required, id, ct);
        return Subject is null ? NotFound() : Page();
    }

    public PermissionLevel Shown(PermissionEntry entry)
        => Error is not null && Levels.TryGetValue(entry.Permission.ToString(), out var posted) && Enum.TryParse<PermissionLevel>(posted, out var level)
            ? level
            : Subject!.Level(entry.Permission);

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var (levels, refusal) = PermissionCatalogue.Check(Levels);
        var outcome = refusal ?? await permissions.SaveAsync(current.Required, current.Actor, id, levels!, ct);
        return await ShowAsync(outcome, () => OnGetAsync(id, ct), new { id });
    }
}
