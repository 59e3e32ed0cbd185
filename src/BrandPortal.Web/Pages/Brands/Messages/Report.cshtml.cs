using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Messaging;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands.Messages;

/// <summary>Response-time report: per brand the user represents, for 7, 30 and 90 days; read-only, so View is enough.</summary>
[RequiresPermission(Permission.BuyerSellerMessages, PermissionLevel.View)]
public sealed class ReportModel(CurrentUser current, ResponseTimeReport report) : PageModel
{
    public UserAccess Access => current.Required;
    /// <summary>Empty until the GET handler loads it: a request no handler answers (a POST) renders an empty report, never a 500.</summary>
    public ResponseTimeReportView Report { get; private set; } = new([], DateTimeOffset.UtcNow);

    public async Task OnGetAsync(CancellationToken ct) => Report = await report.LoadAsync(Access, ct);
}
