using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Insights;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Brands;

/// <summary>The brand dashboard: the user's brands and, for representatives, insights per brand and period.</summary>
public sealed class IndexModel(CurrentUser current, InsightsService insights, TimeProvider clock) : PageModel
{
    public static readonly (string Key, string Label)[] Periods = [("30d", "30 days"), ("90d", "90 days"), ("12m", "12 months"), ("all", "All time")];

    [FromQuery(Name = "brand")] public string? BrandParam { get; set; }
    [FromQuery(Name = "period")] public string? PeriodParam { get; set; }

    public UserAccess Access => current.Required;
    public BrandInsights? Insights { get; private set; }
    public long? Brand { get; private set; }
    public string Period { get; private set; } = "12m";
    public List<string> Messages { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Access.SeesCustomerReviews) return;
        if (PeriodParam is not null && Periods.All(p => p.Key != PeriodParam)) Messages.Add("Unknown period: showing the last 12 months.");
        else if (PeriodParam is not null) Period = PeriodParam;

        var represented = Access.RepresentedBrands.Select(b => b.BrandId).ToList();
        if (BrandParam is not null)
        {
            if (long.TryParse(BrandParam, out var id) && represented.Contains(id)) Brand = id;
            else Messages.Add("You do not represent that brand: showing all the brands you represent.");
        }
        var now = clock.GetUtcNow();
        DateTimeOffset? from = Period switch { "30d" => now.AddDays(-30), "90d" => now.AddDays(-90), "12m" => now.AddMonths(-12), _ => null };
        Insights = await insights.ForAsync(Access, Brand is { } b ? [b] : represented, from, now.AddSeconds(1), ct);
    }

    public string Chart => TrendChart.Svg(Insights?.Months ?? [], "Critical reviews per month (bars) and average rating (line)");

    public static string Percent(double? rate) => rate is { } r ? r.ToString("P0", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string ReasonLabel(string reason) => reason == nameof(ContactReason.CourtesyRefund) ? "Courtesy Refund" : "Customer Support";
}
