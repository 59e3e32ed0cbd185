using System.Globalization;
using System.Text.RegularExpressions;
using BrandPortal.Core;
using BrandPortal.Web.Pages;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace BrandPortal.Web.Localization;

/// <summary>What a value inside a Core message is, so that it is shown the right way in the translation.</summary>
public enum ArgKind
{
    /// <summary>A name, an email address, a search text: shown as written, in <c>translate="no"</c>.</summary>
    Name,
    /// <summary>A count or a code: shown as it is.</summary>
    Number,
    /// <summary>A day Core wrote as <see cref="Wording.Day(DateTimeOffset)"/>: written again by Display, in <c>&lt;time&gt;</c>.</summary>
    Day,
    /// <summary>A time Core wrote as <see cref="Wording.WhenInSentence"/>: written again by Display, in <c>&lt;time&gt;</c>.</summary>
    WhenInSentence,
    /// <summary>English words of their own ("14 months"): localized again by the same formats.</summary>
    Phrase,
}

/// <summary>One English format Core writes, e.g. <c>The view “{0}” is deleted.</c>, and the kinds of its values.</summary>
public sealed record EnglishFormat(string Format, params ArgKind[] Kinds);

/// <summary>
/// Core writes its messages in English: it does not know the request's language, and the API, the CSV export and the
/// audit log keep that English. Web localizes such a message where it shows it, by its English text: a message without
/// values is its own resource key; one with values is matched against the English formats Core writes, and the values
/// it carried become the arguments of the format's translation (rule 6 of the localization conventions). A message
/// made of several sentences (a bulk summary) is localized sentence by sentence. Unknown text passes through the
/// localizer unchanged, so nothing is lost when Core gains a message before its translation.
/// </summary>
public sealed partial class EnglishFormats
{
    private readonly HashSet<string> _plain = new(StringComparer.Ordinal);
    private readonly List<(Regex Pattern, EnglishFormat Format)> _patterns = [];

    public EnglishFormats(IEnumerable<string> plain, IEnumerable<EnglishFormat> formats)
    {
        _plain.UnionWith(plain);
        // The longest literal text first: "Assigned to {0}, who is emailed." before "Assigned to {0}.".
        foreach (var f in formats.OrderByDescending(f => Placeholder().Replace(f.Format, "").Length))
            _patterns.Add((Compile(f.Format), f));
    }

    /// <summary>Every English key these formats can produce: the plain messages and the formats themselves.</summary>
    public IEnumerable<string> Keys => _plain.Concat(_patterns.Select(p => p.Format.Format));

    /// <summary>
    /// The English format <paramref name="english"/> was written by, and the values it carried (as text); null when it is
    /// a plain message or none of these formats. For text shown as plain text rather than HTML (a refusal's reasons).
    /// </summary>
    public (string Format, string[] Values)? Match(string english)
    {
        foreach (var (pattern, format) in _patterns)
        {
            if (pattern.Match(english) is not { Success: true } m) continue;
            var values = new string[format.Kinds.Length];
            for (var i = 0; i < values.Length; i++) values[i] = m.Groups["a" + i.ToString(CultureInfo.InvariantCulture)].Value;
            return (format.Format, values);
        }
        return null;
    }

    /// <summary>True in the source language: Core's English is shown exactly as Core wrote it, with no work at all.</summary>
    public static bool IsSource => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The message in the request's language (HTML: values in <c>translate="no"</c> or <c>&lt;time&gt;</c>).</summary>
    /// <param name="capitalize">The translation's first letter in capitals (the first part of a sentence Core joined).</param>
    public IHtmlContent Localize(IHtmlLocalizer localizer, string english, bool capitalize = false)
    {
        if (IsSource) return new StringHtmlContent(english);
        if (TryLocalize(localizer, english, capitalize) is { } whole) return whole;
        var sentences = SentenceEnd().Split(english);
        if (sentences.Length == 1) return Unknown(localizer, english);
        var builder = new HtmlContentBuilder(sentences.Length * 2);
        for (var i = 0; i < sentences.Length; i++)
        {
            if (i > 0) builder.Append(SentenceSeparator);
            builder.AppendHtml(TryLocalize(localizer, sentences[i]) ?? Unknown(localizer, sentences[i]));
        }
        return builder;
    }

    /// <summary>Between two sentences: no space in Japanese, which ends a sentence with 。.</summary>
    private static string SentenceSeparator => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja" ? "" : " ";

    private IHtmlContent? TryLocalize(IHtmlLocalizer localizer, string english, bool capitalize = false)
    {
        if (_plain.Contains(english)) return Translate(localizer, english, [], capitalize);
        foreach (var (pattern, format) in _patterns)
        {
            if (pattern.Match(english) is not { Success: true } m) continue;
            var args = new object[format.Kinds.Length];
            for (var i = 0; i < args.Length; i++) args[i] = Arg(localizer, format.Kinds[i], m.Groups["a" + i.ToString(CultureInfo.InvariantCulture)].Value);
            return Translate(localizer, format.Format, args, capitalize);
        }
        return null;
    }

    private static LocalizedHtmlString Translate(IHtmlLocalizer localizer, string key, object[] args, bool capitalize)
    {
        if (!capitalize) return localizer[key, args];
        var format = localizer[key];
        var text = format.Value.Length == 0 ? format.Value : char.ToUpper(format.Value[0], CultureInfo.CurrentUICulture) + format.Value[1..];
        return new LocalizedHtmlString(key, text, format.IsResourceNotFound, args);
    }

    private object Arg(IHtmlLocalizer localizer, ArgKind kind, string value) => kind switch
    {
        ArgKind.Number => value,
        ArgKind.Day when DateTimeOffset.TryParseExact(value, Wording.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day)
            => Time(day, Display.Day(day)),
        ArgKind.WhenInSentence when DateTimeOffset.TryParseExact(value, Wording.WhenInSentenceFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            => Time(at, Display.WhenInSentence(at)),
        ArgKind.Phrase => TryLocalize(localizer, value) ?? Unknown(localizer, value),
        _ => Markup.Name(value),
    };

    /// <summary>
    /// Text that is no known message: it may carry what a user typed, so it is never used as a format (a localizer's key
    /// is written as HTML); it goes through the localizer as plain text and is encoded.
    /// </summary>
    private static IHtmlContent Unknown(IHtmlLocalizer localizer, string text) => new StringHtmlContent(localizer.GetString(text).Value);

    public static IHtmlContent Time(DateTimeOffset at, string text)
        => new HtmlContentBuilder(5).AppendHtml("<time datetime=\"").Append(Display.Iso(at)).AppendHtml("\">").Append(text).AppendHtml("</time>");

    private static Regex Compile(string format)
    {
        var pattern = new System.Text.StringBuilder("^");
        var seen = new HashSet<string>();
        var last = 0;
        foreach (Match m in Placeholder().Matches(format))
        {
            pattern.Append(Regex.Escape(format[last..m.Index]));
            var name = "a" + m.Groups[1].Value;
            // A value never spans two sentences, so that "{0} is emailed." does not swallow a whole bulk summary.
            pattern.Append(seen.Add(name) ? $"(?<{name}>(?:(?!\\. ).)+?)" : $"\\k<{name}>");
            last = m.Index + m.Length;
        }
        pattern.Append(Regex.Escape(format[last..])).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    /// <summary>After a full stop and before the next sentence ("3 reviews marked as done. 1 skipped: already done.").</summary>
    [GeneratedRegex(@"(?<=\.) (?=\S)")]
    private static partial Regex SentenceEnd();
}
