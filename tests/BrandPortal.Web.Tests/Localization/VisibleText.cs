using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>
/// What a page shows a person, for the pseudo-localization sweep: its text (the &lt;title&gt; included) and the
/// attributes people see or hear (title, placeholder, aria-label, alt, the value of a button input), without scripts
/// and styles, without what is marked translate="no" (names, user content) and without &lt;time&gt; elements (written
/// by the culture-aware Display helpers). Leftovers returns what is still there once every pseudo-localized segment
/// ("⟦…⟧", nested or spanning elements) is removed, and holds a letter: text that did not go through a localizer.
/// </summary>
public static partial class VisibleText
{
    private static readonly HashSet<string> Skipped = ["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "TIME"];
    private static readonly string[] SeenAttributes = ["title", "placeholder", "aria-label", "alt"];

    public static IReadOnlyList<string> Leftovers(IDocument document)
    {
        var text = new StringBuilder();
        var attributes = new List<string>();
        Walk(document.DocumentElement, text, attributes);
        return Split(text.ToString()).Concat(attributes.SelectMany(Split)).Distinct().ToList();
    }

    private static void Walk(INode node, StringBuilder text, List<string> attributes)
    {
        if (node is IElement element)
        {
            if (Skipped.Contains(element.TagName.ToUpperInvariant())
                || string.Equals(element.GetAttribute("translate"), "no", StringComparison.OrdinalIgnoreCase))
            {
                text.Append('\n');
                return;
            }
            foreach (var name in SeenAttributes)
                if (element.GetAttribute(name) is { Length: > 0 } value) attributes.Add(value);
            if (element.TagName.Equals("INPUT", StringComparison.OrdinalIgnoreCase)
                && element.GetAttribute("type")?.ToLowerInvariant() is "submit" or "button" or "reset"
                && element.GetAttribute("value") is { Length: > 0 } label)
                attributes.Add(label);
        }
        if (node.NodeType == NodeType.Text) text.Append(node.TextContent).Append('\n');
        foreach (var child in node.ChildNodes) Walk(child, text, attributes);
    }

    private static IEnumerable<string> Split(string text)
    {
        string before;
        do
        {
            before = text;
            text = Wrapped().Replace(text, "\n");
        } while (text != before);
        return text.Split('\n').Select(l => Regex.Replace(l, "\\s+", " ").Trim()).Where(l => Letter().IsMatch(l));
    }

    [GeneratedRegex("⟦[^⟦⟧]*⟧")]
    private static partial Regex Wrapped();

    [GeneratedRegex("\\p{L}")]
    private static partial Regex Letter();
}
