using BrandPortal.Core.Access;
using BrandPortal.Core.Insights;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using BrandPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages.Brands;

/// <summary>The brand dashboard: the user's brands and, for representatives, insights per brand and period.</summary>
public sealed class IndexModel(CurrentUser current, InsightsService insights, ReviewWorkService work, TimeProvider clock, IStringLocalizer<DashboardText> S) : PageModel
{
    /// <summary>The Customer Reviews presets (same codes, same windows), without custom dates.</summary>
    public static readonly IReadOnlyList<ReviewPeriod> Periods = [ReviewPeriod.Last30Days, ReviewPeriod.Last90Days, ReviewPeriod.Last12Months, ReviewPeriod.All];

    [FromQuery(Name = "brand")] public string? BrandParam { get; set; }
    [FromQuery(Name = "period")] public string? PeriodParam { get; set; }

    public UserAccess Access => current.Required;
    public BrandInsights? Insights { get; private set; }
    public long? Brand { get; private set; }
    public ReviewPeriod Period { get; private set; } = ReviewFilter.DefaultPeriod;
    public List<string> Messages { get; } = [];

    /// <summary>What /Brands/Reviews?assignee=me lists (done hidden); null for a user who cannot open Customer Reviews.</summary>
    public int? AssignedToMe { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Access.SeesCustomerReviews) return;
        AssignedToMe = await work.AssignedToMeAsync(Access, ct);
        if (PeriodParam is not null)
        {
            if (ReviewFilter.Periods.TryGetValue(PeriodParam, out var period) && Periods.Contains(period)) Period = period;
            else Messages.Add(S["Unknown period: showing the last 12 months."]);
        }

        var represented = Access.RepresentedBrands.Select(b => b.BrandId).ToList();
        if (BrandParam is not null)
        {
            if (long.TryParse(BrandParam, out var id) && represented.Contains(id)) Brand = id;
            else Messages.Add(S["You do not represent that brand: showing all the brands you represent."]);
        }
        var now = clock.GetUtcNow();
        var (since, _) = (ReviewFilter.Default with { Period = Period }).Window(now);
        Insights = await insights.ForAsync(Access, Brand is { } b ? [b] : represented, since, now.AddSeconds(1), ct);
    }

    /// <summary>The monthly trend as SVG, with its words in the page's language.</summary>
    public string Chart(string title, TrendChart.Words words) => TrendChart.Svg(Insights?.Months ?? [], title, words);
}
