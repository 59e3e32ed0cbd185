using System.Text.Encodings.Web;
using BrandPortal.Web.Pages;
using Microsoft.AspNetCore.Html;

namespace BrandPortal.Web.Localization;

/// <summary>
/// Values placed inside a translated sentence (<c>@L["by {0}", Marked.Data(email)]</c>): user data in an element marked
/// <c>translate="no"</c>, instants in a <c>&lt;time&gt;</c> element. The view localizer writes such HTML arguments as
/// they are and encodes plain ones, so the value itself is still encoded here.
/// </summary>
public static class Marked
{
    public static IHtmlContent Data(string? text)
        => new HtmlString($"<span translate=\"no\">{HtmlEncoder.Default.Encode(text ?? "")}</span>");

    public static IHtmlContent Time(DateTimeOffset at)
        => new HtmlString($"<time datetime=\"{Display.Iso(at)}\">{HtmlEncoder.Default.Encode(Display.When(at))}</time>");
}
