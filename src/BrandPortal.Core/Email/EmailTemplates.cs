using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace BrandPortal.Core.Email;

/// <summary>An email ready to queue: subject, plain text and HTML.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// The fixed email templates that ship inside BrandPortal.Core as embedded resources
/// (Email/Templates/{name}.subject.txt, {name}.txt, {name}.html). Nobody can change them at run time.
/// Placeholders are <c>{{Name}}</c>; values are HTML-encoded in the HTML part and stripped of line breaks and
/// control characters in the subject, so no value can add markup or a header. A template that names a value
/// the caller did not give is a programming error and throws.
/// </summary>
public static partial class EmailTemplates
{
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    /// <summary>
    /// Renders template <paramref name="name"/> in <paramref name="language"/> (a code such as "de": files
    /// {name}.de.subject.txt, .txt, .html), or in English, the files without a code, when that language is not shipped.
    /// </summary>
    public static RenderedEmail Render(string name, IReadOnlyDictionary<string, string> values, string? language = null)
    {
        if (language is not null && language != "en" && Exists($"{name}.{language}")) name = $"{name}.{language}";
        var subject = Fill(Load($"{name}.subject.txt").Trim(), values, v => SingleLine(v));
        var text = Fill(Load($"{name}.txt"), values, v => v);
        var html = Fill(Load($"{name}.html"), values, WebUtility.HtmlEncode);
        return new RenderedEmail(subject, text, html);
    }

    /// <summary>
    /// Renders a template that lists items: {name}.item.txt and {name}.item.html are filled once per item (values
    /// encoded as always) and the results take the place of {{Items}} in the outer template.
    /// </summary>
    public static RenderedEmail RenderList(string name, IReadOnlyDictionary<string, string> values, IReadOnlyList<IReadOnlyDictionary<string, string>> items)
    {
        // The outer template is filled with a marker no value can contain, then the already encoded items replace it.
        var marker = "\u0001" + Guid.NewGuid().ToString("N") + "\u0001";
        var outer = new Dictionary<string, string>(values) { ["Items"] = marker };
        var subject = Fill(Load($"{name}.subject.txt").Trim(), values, v => SingleLine(v));
        var text = Fill(Load($"{name}.txt"), outer, v => v)
            .Replace(marker, string.Concat(items.Select(i => Fill(Load($"{name}.item.txt"), i, v => v))), StringComparison.Ordinal);
        var html = Fill(Load($"{name}.html"), outer, v => v == marker ? v : WebUtility.HtmlEncode(v))
            .Replace(marker, string.Concat(items.Select(i => Fill(Load($"{name}.item.html"), i, WebUtility.HtmlEncode))), StringComparison.Ordinal);
        return new RenderedEmail(subject, text, html);
    }

    public static bool Exists(string name) => typeof(EmailTemplates).Assembly.GetManifestResourceInfo(ResourceName($"{name}.txt")) is not null;

    /// <summary>A value fit for a header: one line, no control characters, at most 200 characters.</summary>
    public static string SingleLine(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value) sb.Append(char.IsControl(c) ? ' ' : c);
        var s = Spaces().Replace(sb.ToString(), " ").Trim();
        return s.Length > 200 ? s[..200] : s;
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, Func<string, string> encode)
    {
        var result = Placeholder().Replace(template, m =>
        {
            var key = m.Groups[1].Value;
            if (!values.TryGetValue(key, out var value)) throw new InvalidOperationException($"The email template needs a value for {{{{{key}}}}}.");
            return encode(value);
        });
        return result;
    }

    private static string ResourceName(string file) => $"BrandPortal.Core.Email.Templates.{file}";

    private static string Load(string file) => Cache.GetOrAdd(file, f =>
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(ResourceName(f))
            ?? throw new InvalidOperationException($"No email template {f} is shipped.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    });

    [GeneratedRegex(@"\{\{([A-Za-z][A-Za-z0-9]*)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
