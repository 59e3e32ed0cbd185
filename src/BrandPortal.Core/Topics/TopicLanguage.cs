namespace BrandPortal.Core.Topics;

/// <summary>
/// The languages topics are counted in: English, German, French and Spanish through PostgreSQL's text-search
/// configurations (stop words and Snowball stemming), Japanese by character bigrams made in .NET (<see cref="JapaneseTerms"/>).
/// A review's language is chosen by the SQL function topic_language (its script, else its most frequent common words).
/// </summary>
public static class TopicLanguage
{
    public static readonly IReadOnlyList<string> All = ["en", "de", "fr", "es", "ja"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);

    /// <summary>The PostgreSQL text-search configuration of a language; Japanese has none.</summary>
    public static string? Config(string code) => code switch
    {
        "en" => "english", "de" => "german", "fr" => "french", "es" => "spanish", _ => null,
    };

    /// <summary>The language's own name, shown as it is whatever the page's language.</summary>
    public static string Name(string code) => code switch
    {
        "en" => "English", "de" => "Deutsch", "fr" => "Français", "es" => "Español", "ja" => "日本語", _ => code,
    };
}
