using System.Globalization;
using System.Text;

namespace BrandPortal.Web.Localization;

/// <summary>
/// Pseudo-localization for tests: "Customer Reviews" becomes "⟦Çûšţöɱéŕ Ŕéṽîéŵš⟧". The brackets show where a localized
/// string starts and ends (and that it was not cut short), the accents that it went through the localizer and that
/// the page copes with letters outside ASCII. Composite-format placeholders ({0}, {1:N0}), HTML tags and character
/// references are kept as they are, so formatting and markup still work. The culture exists only when configuration
/// turns it on (Localization:PseudoCulture), never in production; see LocalizationSetup.
/// </summary>
public static class Pseudo
{
    public const string CultureName = "qps-ploc";
    public const char Open = '⟦';
    public const char Close = '⟧';

    private const string Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Accented = "áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";

    public static bool Is(CultureInfo culture) => string.Equals(culture.Name, CultureName, StringComparison.OrdinalIgnoreCase);

    public static string Wrap(string text)
    {
        var result = new StringBuilder(text.Length + 2).Append(Open);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Kept verbatim: {0} and {{ }} of composite formats, <tags>, &entities;.
            var end = c switch
            {
                '{' => text.IndexOf('}', i),
                '<' => text.IndexOf('>', i),
                '&' => EntityEnd(text, i),
                _ => -1,
            };
            if (end > i)
            {
                result.Append(text, i, end - i + 1);
                i = end;
                continue;
            }
            var at = Plain.IndexOf(c, StringComparison.Ordinal);
            result.Append(at >= 0 ? Accented[at] : c);
        }
        return result.Append(Close).ToString();
    }

    private static int EntityEnd(string text, int start)
    {
        var semicolon = text.IndexOf(';', start);
        return semicolon > start && semicolon - start <= 10 && text.AsSpan(start + 1, semicolon - start - 1).IndexOfAny(" <{") < 0 ? semicolon : -1;
    }
}
