using BrandPortal.Core.Access;

namespace BrandPortal.Core.Reviews;

/// <summary>A review filter in words, as the Customer Reviews page shows it above the results. Pure.</summary>
public static class ReviewFilterSummary
{
    /// <summary>"Acme · 1, 2, 3 stars · Last 12 months · matching “lid” · newest first".</summary>
    public static string Describe(ReviewFilter f, IReadOnlyList<BrandRoleGrant> representedBrands)
    {
        var brand = BrandName(f, representedBrands) ?? "All your brands";
        var stars = f.Stars.Count == 5 ? "All ratings" : string.Join(", ", f.Stars) + (f.Stars is [1] ? " star" : " stars");
        var search = f.Search is { } s ? $" · matching “{s}”" : "";
        var topic = f.Topic is { } t && Topics.TopicKey.TryParse(t, out _, out var term) ? $" · about “{term}”" : "";
        return $"{brand} · {stars} · {Period(f)}{search}{topic} · {Sort(f.Sort)}";
    }

    /// <summary>
    /// The brand the summary names: the chosen one, else the only one the user represents; null for all of them. One
    /// pass without grouping: an agency represents hundreds of brands and the summary is on every page.
    /// </summary>
    public static string? BrandName(ReviewFilter f, IReadOnlyList<BrandRoleGrant> representedBrands)
    {
        if (f.BrandId is { } id)
            foreach (var b in representedBrands)
                if (b.BrandId == id) return b.BrandName;
        BrandRoleGrant? only = null;
        foreach (var b in representedBrands)
        {
            if (only is null) only = b;
            else if (b.BrandId != only.BrandId) return null;
        }
        return only?.BrandName;
    }

    /// <summary>The period's name: "Last 30 days", …, "All time"; custom dates as "1 Jan 2026 to today".</summary>
    public static string Period(ReviewFilter f) => f.Period == ReviewPeriod.Custom
        ? $"{(f.From is { } from ? Wording.Day(from) : "Any date")} to {(f.To is { } to ? Wording.Day(to) : "today")}"
        : Period(f.Period);

    public static string Period(ReviewPeriod period) => period switch
    {
        ReviewPeriod.Last30Days => "Last 30 days",
        ReviewPeriod.Last90Days => "Last 90 days",
        ReviewPeriod.All => "All time",
        ReviewPeriod.Custom => "Custom dates",
        _ => "Last 12 months",
    };

    public static string Sort(ReviewSort sort) => sort switch
    {
        ReviewSort.Oldest => "oldest first",
        ReviewSort.Lowest => "lowest rating first",
        _ => "newest first",
    };
}
