using BrandPortal.Core.Access;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Topics;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Brands;

/// <summary>What the dashboard's Topics section shows: the panel of one brand (or product), or the brands to choose from.</summary>
public sealed record TopicsView(TopicPanel? Panel, IReadOnlyList<BrandRoleGrant> Brands, long? BrandId, ReviewPeriod Period);

/// <summary>
/// The Topics section of /Brands, loaded by itself so the dashboard page only renders it: the brand and period are the
/// dashboard's own; the product (topics_product) and language (topics_lang) come from the section's form.
/// </summary>
public sealed class TopicsViewComponent(CurrentUser current, TopicService topics) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long? brand, ReviewPeriod period)
    {
        var access = current.Required;
        var brands = access.RepresentedBrands.GroupBy(b => b.BrandId).Select(g => g.First()).ToList();
        var brandId = brand ?? (brands.Count == 1 ? brands[0].BrandId : null);
        TopicPanel? panel = null;
        if (brandId is { } b)
        {
            long? product = long.TryParse(Request.Query["topics_product"], out var p) ? p : null;
            string? language = Request.Query["topics_lang"].FirstOrDefault() is { Length: > 0 } l && TopicLanguage.IsKnown(l) ? l : null;
            panel = await topics.LoadAsync(access, b, product, period, language, HttpContext.RequestAborted);
        }
        return View("/Pages/Brands/_Topics.cshtml", new TopicsView(panel, brands, brandId, period));
    }
}

/// <summary>One of the two topic tables: the critical side (<see cref="Critical"/>) or the positive one.</summary>
public sealed record TopicTableView(TopicPanel Panel, IReadOnlyList<TopicRow> Rows, bool Critical, string Period)
{
    /// <summary>Customer Reviews filtered by the topic, on the side's star ratings and the panel's brand and period.</summary>
    public string ReviewsLink(TopicRow row)
    {
        var filter = ReviewFilter.Default with
        {
            BrandId = Panel.BrandId, Topic = row.Key, Stars = Critical ? ReviewFilter.DefaultStars : [4, 5],
            Period = ReviewFilter.Periods.TryGetValue(Period, out var p) ? p : ReviewFilter.DefaultPeriod,
        };
        return "/Brands/Reviews" + filter.ToQueryString();
    }
}
