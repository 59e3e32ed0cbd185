using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace BrandPortal.Web.Pages;

/// <summary>
/// Markup rendered to a string once, for pieces a page repeats many times: a localized string formats itself again
/// every time it is written, a form tag helper builds the antiforgery field again for every form, and a text is
/// encoded again wherever it is written. One instance per page render; it reuses one buffer for all its pieces.
/// </summary>
public sealed class HtmlOnce(HtmlEncoder encoder)
{
    private readonly StringWriter _writer = new();

    public HtmlString Render(IHtmlContent content)
    {
        _writer.GetStringBuilder().Clear();
        content.WriteTo(_writer, encoder);
        return new HtmlString(_writer.ToString());
    }

    /// <summary>A text as the page would write it, encoded once.</summary>
    public HtmlString Encode(string text) => new(encoder.Encode(text));
}
