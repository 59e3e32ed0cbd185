using System.Text.RegularExpressions;

namespace BrandPortal.Core.Topics;

/// <summary>
/// A topic as it travels in a URL: <c>language:term</c>, e.g. <c>en:lid leak</c> (stemmed lexemes, space-separated)
/// or <c>ja:水漏</c>. <see cref="TryParse"/> accepts only what the topic index can produce, so the SQL built from it
/// (<see cref="TsQuery"/>) never carries anything a user typed beyond letters and digits.
/// </summary>
public static partial class TopicKey
{
    public const int MaxLength = 120;

    public static string Format(string language, string term) => $"{language}:{term}";

    public static bool TryParse(string? value, out string language, out string term)
    {
        language = term = "";
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength) return false;
        var colon = value.IndexOf(':');
        if (colon < 0) return false;
        var lang = value[..colon].Trim().ToLowerInvariant();
        var words = value[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!TopicLanguage.IsKnown(lang) || words.Length is < 1 or > 3 || !words.All(w => Word().IsMatch(w))) return false;
        if (lang == "ja" && (words.Length != 1 || !JapaneseTerms.IsJapanese(words[0]))) return false;
        language = lang;
        term = string.Join(' ', words);
        return true;
    }

    /// <summary>The phrase query of a European-language term: its lexemes, quoted so PostgreSQL does not stem them again.</summary>
    public static string TsQuery(string term) => string.Join(" <-> ", term.Split(' ').Select(w => $"'{w}'"));

    /// <summary>
    /// The SQL condition on reviews <c>r</c> of a review mentioning the topic <paramref name="key"/> (already valid, see
    /// <see cref="TryParse"/>): the phrase query on the body in the topic's language, as the topic index read it (a
    /// Japanese term: the characters themselves). <paramref name="add"/> binds a value and answers its parameter name.
    /// </summary>
    public static string Condition(string key, Func<object, string> add)
    {
        if (!TryParse(key, out var language, out var term)) return "false";
        return TopicLanguage.Config(language) is { } config
            ? $"to_tsvector('{config}'::regconfig, r.body) @@ {add(TsQuery(term))}::tsquery"
            : $"strpos(r.body, {add(term)}) > 0";
    }

    [GeneratedRegex(@"^[\p{L}\p{M}\p{N}]{1,40}$")]
    private static partial Regex Word();
}
