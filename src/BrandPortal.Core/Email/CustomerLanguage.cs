using System.Globalization;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Email;

/// <summary>
/// The language a customer's email is written in, decided by the marketplace of their order: US and UK English, DE
/// German, FR French, ES Spanish, JP Japanese. Dates and money are written the way that language writes them.
/// Month names are spelled out here rather than taken from the machine's culture data, so an email reads the same
/// on every server (and the golden files stay stable across ICU versions).
/// </summary>
public sealed record CustomerLanguage(string Code, string Name)
{
    public static readonly CustomerLanguage English = new("en", "English");
    public static readonly CustomerLanguage German = new("de", "German");
    public static readonly CustomerLanguage French = new("fr", "French");
    public static readonly CustomerLanguage Spanish = new("es", "Spanish");
    public static readonly CustomerLanguage Japanese = new("ja", "Japanese");

    public static CustomerLanguage Of(Marketplace? marketplace) => marketplace switch
    {
        Marketplace.DE => German,
        Marketplace.FR => French,
        Marketplace.ES => Spanish,
        Marketplace.JP => Japanese,
        _ => English,
    };

    /// <summary>The language of a culture name ("de", "de-AT"); English for any other.</summary>
    public static CustomerLanguage ForCode(string? code) => (code is { Length: >= 2 } ? code[..2] : "") switch
    {
        "de" => German,
        "fr" => French,
        "es" => Spanish,
        "ja" => Japanese,
        _ => English,
    };

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] GermanMonths =
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    /// <summary>A calendar date (UTC): "10 September 2026", "10. September 2026", "10 septembre 2026", "10 de septiembre de 2026", "2026年9月10日".</summary>
    public string Date(DateTimeOffset at)
    {
        var d = at.UtcDateTime;
        return Code switch
        {
            "de" => $"{d.Day}. {GermanMonths[d.Month - 1]} {d.Year}",
            "fr" => $"{(d.Day == 1 ? "1er" : d.Day.ToString(CultureInfo.InvariantCulture))} {FrenchMonths[d.Month - 1]} {d.Year}",
            "es" => $"{d.Day} de {SpanishMonths[d.Month - 1]} de {d.Year}",
            "ja" => $"{d.Year}年{d.Month}月{d.Day}日",
            _ => $"{d.Day} {EnglishMonths[d.Month - 1]} {d.Year}",
        };
    }

    /// <summary>A month of a year: "September 2026", "September 2026", "septembre 2026", "septiembre de 2026", "2026年9月".</summary>
    public string MonthOfYear(int year, int month) => Code switch
    {
        "de" => $"{GermanMonths[month - 1]} {year}",
        "fr" => $"{FrenchMonths[month - 1]} {year}",
        "es" => $"{SpanishMonths[month - 1]} de {year}",
        "ja" => $"{year}年{month}月",
        _ => $"{EnglishMonths[month - 1]} {year}",
    };

    /// <summary>A date and its UTC time: "10. September 2026, 14:05 UTC", "2026年9月10日 14:05 UTC".</summary>
    public string DateAndTime(DateTimeOffset at)
        => Date(at) + (Code == "ja" ? " " : ", ") + at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A number with this language's separators: "1,234.5", "1.234,5", "1 234,5" (narrow no-break space).</summary>
    public string Number(decimal value, int decimals)
    {
        var format = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        (format.NumberGroupSeparator, format.NumberDecimalSeparator) = Code switch
        {
            "de" or "es" => (".", ","),
            "fr" => ("\u202F", ","),
            _ => (",", "."),
        };
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), format);
    }

    /// <summary>A share of 0..1 in whole percent: "40%", "40 %" (German, French and Spanish put a no-break space before the sign).</summary>
    public string Percent(double share)
    {
        var number = Number((decimal)Math.Round(share * 100), 0);
        return Code is "de" or "fr" or "es" ? number + "\u00A0%" : number + "%";
    }

    /// <summary>
    /// An amount as a customer of this language reads it: "$29.99", "£59.90", "29,99 €", "1.234,50 €", "1 234,50 €" (French
    /// groups with a narrow no-break space), "¥4,500". Yen have no minor unit. An unknown currency keeps its ISO code.
    /// </summary>
    public string Money(decimal amount, string currency)
    {
        var code = currency.Trim().ToUpperInvariant();
        var symbol = code switch { "USD" => "$", "GBP" => "£", "EUR" => "€", "JPY" => "¥", _ => code };
        var number = Number(amount, code == "JPY" ? 0 : 2);
        var symbolFirst = Code is "en" or "ja" && symbol.Length == 1;
        return symbolFirst ? symbol + number : number + "\u00A0" + symbol;
    }
}
