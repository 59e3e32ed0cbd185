using BrandPortal.Core.Reviews;
using BrandPortal.Core.SavedViews;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Brands.Reviews;

/// <summary>What the filter panel shows of saved views: the user's views and the current filter to save.</summary>
public sealed record SavedViewsPanel(SavedViewList List, string Query);

/// <summary>
/// The saved views in Customer Reviews' filter panel (one line in Index.cshtml): a component rather than page-model
/// state, so that the list page's model and its statement for the cards stay as they are; the views come from
/// SavedViewCache, so the page keeps its budget of statements.
/// </summary>
public sealed class SavedViewsViewComponent(CurrentUser current, SavedViewService views) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ReviewFilter filter)
    {
        if (await views.ListForPanelAsync(current.Required, HttpContext.RequestAborted) is not { } list) return Content("");
        var query = (filter with { After = null }).ToQueryString().TrimStart('?');
        return View("/Pages/Brands/Reviews/_SavedViews.cshtml", new SavedViewsPanel(list, query));
    }
}
