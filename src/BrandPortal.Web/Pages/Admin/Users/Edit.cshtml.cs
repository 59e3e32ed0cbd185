using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Admin.Users;

/// <summary>One user's permissions by header, for the administrator of that user's seller account only.</summary>
[RequiresPermission(Permission.UserPermissions, PermissionLevel.ViewAndEdit)]
public sealed class EditModel(PermissionService permissions, CurrentUser current) : PageModel
{
    public AccountUser? Subject { get; private set; }
    public bool IsSelf => Subject?.Id == current.Required.UserId;
    [BindProperty] public Dictionary<string, string> Levels { get; set; } = [];
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!current.Required.ManagesUsers) return StatusCode(StatusCodes.Status403Forbidden);
        Subject = await permissions.GetUserAsync(current.Required, id, HttpContext.RequestAborted);
        return Subject is null ? NotFound() : Page();
    }

    public PermissionLevel Shown(PermissionEntry entry)
        => Error is not null && Levels.TryGetValue(entry.Permission.ToString(), out var posted) && Enum.TryParse<PermissionLevel>(posted, out var level)
            ? level
            : Subject!.Level(entry.Permission);

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var (levels, error) = PermissionCatalogue.Parse(Levels);
        var result = levels is null ? ChangeResult.Invalid(error!) : await permissions.SaveAsync(current.Required, current.Actor, id, levels, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case ChangeOutcome.Forbidden: return StatusCode(StatusCodes.Status403Forbidden);
            case ChangeOutcome.NotFound: return NotFound();
            case ChangeOutcome.Done:
                Message = result.Message;
                return RedirectToPage(new { id });
        }
        Error = result.Message;
        return await OnGetAsync(id);
    }
}
