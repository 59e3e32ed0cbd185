using System.Globalization;
using System.Text;

namespace BrandPortal.Core.Text;

/// <summary>The outcome of cleaning one free-text field: the text to store, or why nothing can be stored.</summary>
public sealed record FreeTextResult(string Text, string? Refusal)
{
    public bool Ok => Refusal is null;
}

/// <summary>
/// One rule for every free text a person types and the portal stores (answers, replies, justifications, notes).
/// Control characters (ESC, BEL, SOH…) would reach terminals, CSV exports and emails; invisible format characters
/// (zero-width space, soft hyphen, bidi controls) can make a message look empty or read differently from what is
/// stored. Both are removed; line breaks and tabs stay, and CR LF becomes LF so that the same words compare equal.
/// Pure: no I/O, the same input always gives the same output.
/// </summary>
public static class FreeText
{
    /// <summary>Cleans <paramref name="input"/> without judging it; null becomes "".</summary>
    public static string Normalise(string? input)
    {
        if (string.IsNullOrEmpty(input)) return "";
        var text = input.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '\n' or '\t' || !IsInvisible(rune)) sb.Append(rune.ToString());
        }
        return sb.ToString().Trim();
    }

    /// <summary>
    /// Cleans <paramref name="input"/> and refuses it when nothing visible is left: "Write {what} before sending."
    /// names the field, e.g. "an answer".
    /// </summary>
    public static FreeTextResult Clean(string? input, string emptyRefusal)
    {
        var text = Normalise(input);
        return text.Length == 0 ? new FreeTextResult("", emptyRefusal) : new FreeTextResult(text, null);
    }

    /// <summary>True for C0/C1 controls (except line feed and tab), format characters (Cf) and the fillers that render as nothing.</summary>
    public static bool IsInvisible(Rune rune)
    {
        if (Rune.IsControl(rune)) return rune.Value is not ('\n' or '\t');
        // Format characters include the tag characters (U+E0000 block) that hide text after a visible one.
        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format) return true;
        // Not Cf, yet drawn as blank space or nothing: Hangul fillers, braille blank, combining grapheme joiner.
        return rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x034F or 0xFFFC;
    }
}
