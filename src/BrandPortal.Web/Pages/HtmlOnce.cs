using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace BrandPortal.Web.Pages;

/// <summary>
/// Markup rendered to a string once, for a piece a page repeats many times: each review card's work form carries the
/// request's one antiforgery field, which a form tag helper would build and encode again for every card.
/// </summary>
public static class HtmlOnce
{
    public static HtmlString Render(IHtmlContent content, HtmlEncoder encoder)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, encoder);
        return new HtmlString(writer.ToString());
    }
}
