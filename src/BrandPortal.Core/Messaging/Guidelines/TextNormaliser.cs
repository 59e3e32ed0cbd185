using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BrandPortal.Core.Text;

namespace BrandPortal.Core.Messaging.Guidelines;

/// <summary>
/// The ways of reading an answer that the guideline checker matches against. Each view undoes one family of
/// disguises, so that "uрdаtе" (Cyrillic), "ｕｐｄａｔｅ", "ụpdate", "up&#173;date", "u p d a t e", "upd4te" and
/// "example[dot]com" read as the words they imitate.
/// </summary>
/// <param name="Words">Lower-case, Latin-skeleton text with single letters spaced or dotted apart joined again.</param>
/// <param name="Leet"><see cref="Words"/> with digits and symbols inside words read as letters (upd4te → update).</param>
/// <param name="Contact">Text for addresses and numbers: "[dot]", " . ", "(at)" and spelled-out digits folded.</param>
/// <param name="Joined">Letters spaced apart with no word gaps ("updateyourreview"), to be split by vocabulary.</param>
public sealed record NormalisedText(string Words, string Leet, string Contact, IReadOnlySet<string> Joined);

public static partial class TextNormaliser
{
    public static NormalisedText Normalise(string text)
    {
        var common = Common(text);
        var (words, joined) = CollapseSeparatedLetters(common);
        words = Spaces().Replace(words, " ").Trim();
        return new NormalisedText(words, Leet(words), ContactView(common), joined);
    }

    /// <summary>HTML entities, invisible characters, NFKC, marks, lookalikes, case: the steps every view shares.</summary>
    public static string Common(string text)
    {
        var decoded = text;
        // Twice, so "&amp;#117;" is not a way around it; a third layer reads as the literal entity, harmless.
        for (var i = 0; i < 2 && decoded.Contains('&'); i++) decoded = WebUtility.HtmlDecode(decoded);
        var sb = new StringBuilder(decoded.Length);
        foreach (var rune in decoded.EnumerateRunes())
        {
            if (rune.Value == '\n') sb.Append('\n');
            else if (rune.Value is '\t' or '\r') sb.Append(' ');
            else if (!FreeText.IsInvisible(rune)) sb.Append(rune.ToString());
        }
        var nfd = sb.ToString().Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        sb.Clear();
        for (var i = 0; i < nfd.Length; i++)
        {
            var c = nfd[i];
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                // Kana voicing marks are part of Japanese words (が = か + ゛); every other mark is decoration.
                if (c is '\u3099' or '\u309A' && i > 0 && IsKana(nfd[i - 1])) sb.Append(c);
                continue;
            }
            if (c == 'ß') { sb.Append("ss"); continue; }
            if (c is '★' or '☆' or '✩' or '✪' or '✫' or '✬' or '✭' or '✮' or '✯' or '✰' or '⋆' or '\u2B50' or '*' && IsStarRun(nfd, i)) { sb.Append(" star "); continue; }
            if (char.IsDigit(c) && c > '9' && CharUnicodeInfo.GetDecimalDigitValue(c) is >= 0 and var d) { sb.Append((char)('0' + d)); continue; }
            sb.Append(char.ToLowerInvariant(Confusables.Skeleton(c)));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A star symbol counts as the word "star" (★★★★★), but a lone asterisk is punctuation.</summary>
    private static bool IsStarRun(string s, int i)
        => s[i] != '*' || (i > 0 && char.IsAsciiDigit(s[i - 1])) || (i + 1 < s.Length && s[i + 1] == '*');

    private static bool IsKana(char c) => c is >= '\u3040' and <= '\u30FF';

    /// <summary>
    /// "u p d a t e  y o u r" and "u.p.d.a.t.e": three or more single letters separated by the same kind of gap are
    /// one word; a wider gap inside the run separates words. A run with no wider gap is kept whole in Joined so the
    /// matcher can split it by its vocabulary.
    /// </summary>
    private static (string Text, IReadOnlySet<string> Joined) CollapseSeparatedLetters(string text)
    {
        var joined = new HashSet<string>(StringComparer.Ordinal);
        var result = SeparatedLetters().Replace(text, m =>
        {
            var letters = m.Groups["l"].Captures.Select(c => c.Value).Append(m.Groups["last"].Value).ToList();
            var gaps = m.Groups["sep"].Captures.Select(c => c.Value).ToList();
            // The most common gap joins letters; any other gap ("   " among " ", or " " among ".") separates words.
            var narrow = gaps.GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Length).First().Key;
            var words = new List<string>();
            var current = new StringBuilder(letters[0]);
            for (var i = 0; i < gaps.Count; i++)
            {
                if (gaps[i] != narrow) { words.Add(current.ToString()); current.Clear(); }
                current.Append(letters[i + 1]);
            }
            words.Add(current.ToString());
            if (words.Count == 1 && words[0].Length >= 8) joined.Add(words[0]);
            return " " + string.Join(' ', words) + " ";
        });
        return (result, joined);
    }

    private static string Leet(string words) => WordWithDigits().Replace(InnerSymbol().Replace(words, m => m.Value == "!" ? "i" : "l"), m =>
    {
        var w = m.Value;
        if (!w.Any(char.IsLetter)) return w;
        // "5star", "10am", "2nd": a number in front of a word is a number, not a disguised letter.
        if (LeadingNumber().IsMatch(w)) return w;
        var sb = new StringBuilder(w.Length);
        foreach (var c in w)
            sb.Append(c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '9' => 'g', '@' => 'a', '$' => 's', _ => c });
        return sb.ToString();
    });

    /// <summary>Addresses and numbers written to slip past a pattern: "example [dot] com", "five five five", "a (at) b".</summary>
    private static string ContactView(string common)
    {
        var text = Spaces().Replace(common, " ");
        text = SpelledDot().Replace(text, ".");
        // "example . com" and "example .com" are addresses; "lid. Com…" ends a sentence (space only after the dot).
        text = SpacedDot().Replace(text, ".");
        text = SpelledAt().Replace(text, "@");
        text = SpacedAt().Replace(text, "@");
        text = NumberWord().Replace(text, m => Digits.TryGetValue(m.Value, out var d) ? d : m.Value);
        return text;
    }

    private static readonly Dictionary<string, string> Digits = new(StringComparer.Ordinal)
    {
        ["zero"] = "0", ["oh"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9",
        ["null"] = "0", ["eins"] = "1", ["zwei"] = "2", ["zwo"] = "2", ["drei"] = "3", ["vier"] = "4", ["funf"] = "5", ["sechs"] = "6",
        ["sieben"] = "7", ["acht"] = "8", ["neun"] = "9",
        ["zero"] = "0", ["un"] = "1", ["deux"] = "2", ["trois"] = "3", ["quatre"] = "4", ["cinq"] = "5", ["sept"] = "7", ["huit"] = "8", ["neuf"] = "9",
        ["cero"] = "0", ["uno"] = "1", ["dos"] = "2", ["tres"] = "3", ["cuatro"] = "4", ["cinco"] = "5", ["seis"] = "6", ["siete"] = "7",
        ["ocho"] = "8", ["nueve"] = "9",
        ["〇"] = "0", ["零"] = "0", ["一"] = "1", ["二"] = "2", ["三"] = "3", ["四"] = "4", ["五"] = "5", ["六"] = "6", ["七"] = "7", ["八"] = "8", ["九"] = "9",
    };

    /// <summary>Runs of spaces; line breaks stay, they end sentences.</summary>
    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<![a-z0-9])(?:(?<l>[a-z])(?<sep>[ .\-_*/|+~]{1,3})){2,}(?<last>[a-z])(?![a-z0-9])")]
    private static partial Regex SeparatedLetters();

    /// <summary>"r3v!3w", "he|p": an exclamation mark or bar between letters or digits stands for i or l.</summary>
    [GeneratedRegex(@"(?<=[a-z0-9])[!|](?=[a-z0-9])")]
    private static partial Regex InnerSymbol();

    [GeneratedRegex(@"[a-z0-9@$]+")]
    private static partial Regex WordWithDigits();

    [GeneratedRegex(@"^\d+([a-z]{1,3}|star|stars|stern|sterne)$")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"\s*(?:[\[\(\{<]\s*(?:dot|punkt|point|punto|\.)\s*[\]\)\}>]|\s(?:dot|punkt|point|punto)\s)\s*")]
    private static partial Regex SpelledDot();

    [GeneratedRegex(@"(?<=[a-z0-9])(?:\s+\.\s*|\.)(?=[a-z0-9])")]
    private static partial Regex SpacedDot();

    [GeneratedRegex(@"\s*[\[\(\{<]\s*(?:at|@|at sign|klammeraffe|arobase|arroba)\s*[\]\)\}>]\s*")]
    private static partial Regex SpelledAt();

    [GeneratedRegex(@"(?<=[a-z0-9])\s+@\s*|\s*@\s+(?=[a-z0-9])")]
    private static partial Regex SpacedAt();

    [GeneratedRegex(@"(?<![a-z])(zero|oh|one|two|three|four|five|six|seven|eight|nine|null|eins|zwei|zwo|drei|vier|funf|sechs|sieben|acht|neun|un|deux|trois|quatre|cinq|sept|huit|neuf|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)(?![a-z])|[〇零一二三四五六七八九]")]
    private static partial Regex NumberWord();
}
