using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages.Admin.Audit;

/// <summary>The audit log, filtered through the URL; Support sees every entry, account administrators their account's.</summary>
[RequiresPermission(Permission.UserPermissions, PermissionLevel.ViewAndEdit, SupportPasses = true)]
public sealed class IndexModel(AuditQuery audit, CurrentUser current, IStringLocalizer<AdminText> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public bool HasMore { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool SeesAll => current.Required.IsSupport;
    /// <summary>The account whose entries an account administrator sees (Support sees every account's).</summary>
    public string Scope => SeesAll ? "" : current.Required.SellerAccountName ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (filter, errors) = AuditFilter.ParseWithTemplates(Actor, Action, From, To, After);
        Errors = errors.Select(text.Say).ToList();
        var page = await audit.PageAsync(current.Required, filter, ct);
        if (page is null) return StatusCode(StatusCodes.Status403Forbidden);
        (Rows, HasMore) = page.Value;
        return Page();
    }

    /// <summary>Every matching entry as CSV, streamed row by row (the cursor is ignored: the export is the whole filter).</summary>
    public IActionResult OnGetCsv()
    {
        var (filter, errors) = AuditFilter.ParseWithTemplates(Actor, Action, From, To, null);
        Errors = errors.Select(text.Say).ToList();
        // An export of "everything" because a filter value was refused would not be what was asked for: the page
        // says what is wrong instead, with 400.
        if (Errors.Count > 0) return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        var rows = audit.StreamAsync(current.Required, filter);
        if (rows is null) return StatusCode(StatusCodes.Status403Forbidden);
        return new CsvDownload("brandportal-audit", (writer, ct) => AuditCsv.WriteAsync(writer, rows, ct));
    }

    public string Link(string? handler = null, long? after = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["handler"] = handler, ["actor"] = Actor, ["action"] = Action, ["from"] = From, ["to"] = To,
            ["after"] = after?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Admin/Audit", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
