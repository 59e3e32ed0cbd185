using BrandPortal.Web.Pages;
using Microsoft.AspNetCore.Html;

namespace BrandPortal.Web.Localization;

/// <summary>
/// Pieces of markup that go into a translated sentence as its values (<c>@L["Conversation with {0}", Markup.Name(name)]</c>):
/// the view localizer writes HTML content as it is and encodes everything else, so the sentence can be translated
/// whole while a name keeps its <c>translate="no"</c> and a time its <c>&lt;time&gt;</c> element.
/// </summary>
public static class Markup
{
    /// <summary>A name or other user content inside a sentence: never translated, never pseudo-localized.</summary>
    public static IHtmlContent Name(string? text) => Element("span translate=\"no\"", "span", text);

    /// <summary>A time inside a sentence, written by the display helper and marked for machines.</summary>
    public static IHtmlContent Time(DateTimeOffset at) => Element($"time datetime=\"{Display.Iso(at)}\"", "time", Display.When(at));

    /// <summary>An already-translated word or phrase in an element: <c>&lt;em&gt;</c>, <c>&lt;strong&gt;</c>.</summary>
    public static IHtmlContent Wrap(string tag, string text) => Element(tag, tag, text);

    /// <summary>A link whose text is already translated.</summary>
    public static IHtmlContent Link(string href, string text) => Element($"a href=\"{System.Net.WebUtility.HtmlEncode(href)}\"", "a", text);

    private static IHtmlContent Element(string open, string close, string? text)
        => new HtmlContentBuilder().AppendHtml($"<{open}>").Append(text ?? "").AppendHtml($"</{close}>");
}
