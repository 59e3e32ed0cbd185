namespace BrandPortal.Core.Topics;

/// <summary>
/// Terms of a Japanese text, which has no spaces and no PostgreSQL stemmer: character bigrams of each run of kanji,
/// and each run of katakana whole (a loan word such as バッテリー). Hiragana — particles and verb endings — and
/// punctuation end a run, so they play the part stop words play in the other languages.
/// </summary>
public static class JapaneseTerms
{
    public static bool IsKanji(char c) => c is >= '\u4e00' and <= '\u9fff' or '々';
    public static bool IsKatakana(char c) => c is >= '\u30a0' and <= '\u30ff' && c != '・';

    /// <summary>The distinct terms of <paramref name="text"/>.</summary>
    public static HashSet<string> Of(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (IsKanji(text[i]))
            {
                var start = i;
                while (i < text.Length && IsKanji(text[i])) i++;
                for (var k = start; k + 1 < i; k++) terms.Add(text.Substring(k, 2));
            }
            else if (IsKatakana(text[i]))
            {
                var start = i;
                while (i < text.Length && IsKatakana(text[i])) i++;
                if (i - start >= 2) terms.Add(text[start..i]);
            }
            else i++;
        }
        return terms;
    }

    /// <summary>Whether <paramref name="text"/> is written in Japanese script at all (what topic_language tests first).</summary>
    public static bool IsJapanese(string text) => text.Any(c => c is >= '\u3040' and <= '\u30ff' || IsKanji(c));
}
