using System.Globalization;
using BrandPortal.Core;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Pages;

/// <summary>
/// How pages write values, in the language of the request (CultureInfo.CurrentUICulture, which the request
/// localization sets): times always in UTC; in English with Core's <see cref="Wording"/> formats ("3 Mar 2026,
/// 14:05 UTC", the same as the emails' facts and the CSV export), in the other languages the way the customer emails
/// write them (<see cref="CustomerLanguage"/>: "3. März 2026", "2026年3月3日", "1.234,50 €"), so pages and emails agree.
/// The machine's culture never matters. Words (reason names, frequencies) go through <see cref="DisplayText"/>.
/// CSV exports, the API and the audit log do not come here: they keep Wording's invariant formats.
/// </summary>
public static class Display
{
    /// <summary>
    /// A localizer made once, not per request: Display is static and called in every row of a list. It is the portal's
    /// own localizer (English without a lookup, the pseudo culture in tests, else the resx), and depends on nothing
    /// but the current culture.
    /// </summary>
    private static readonly IStringLocalizer Words = new PortalStringLocalizerFactory(
            new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance))
        .Create(typeof(DisplayText));

    private static CustomerLanguage Language => CustomerLanguage.ForCode(CultureInfo.CurrentUICulture.Name);

    private static bool InEnglish(out CustomerLanguage language)
    {
        language = Language;
        return ReferenceEquals(language, CustomerLanguage.English);
    }

    public static string When(DateTimeOffset at) => InEnglish(out var l) ? Wording.When(at) : l.DateAndTime(at);

    public static string WhenInSentence(DateTimeOffset at) => InEnglish(out var l) ? Wording.WhenInSentence(at) : l.DateAndTime(at);

    public static string Day(DateTimeOffset at) => InEnglish(out var l) ? Wording.Day(at) : l.Date(at);

    public static string Month(DateOnly month) => InEnglish(out var l) ? Wording.Month(month) : l.MonthOfYear(month.Year, month.Month);

    /// <summary>
    /// A month under a chart's bar, where there is no room for the name: "Mar 26", "03.26", "03/26", "26年3月". In the
    /// pseudo culture it comes back wrapped, as a localized string would: an SVG label cannot be a &lt;time&gt; element.
    /// </summary>
    public static string AxisMonth(DateOnly month)
    {
        if (Pseudo.Is(CultureInfo.CurrentUICulture)) return Pseudo.Wrap(Wording.Month(month));
        return Language.Code switch
        {
            "ja" => $"{month.Year % 100}年{month.Month}月",
            "de" => month.ToString("MM.yy", CultureInfo.InvariantCulture),
            "fr" or "es" => month.ToString("MM/yy", CultureInfo.InvariantCulture),
            _ => month.ToString("MMM yy", CultureInfo.InvariantCulture),
        };
    }

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"2026-05": the datetime attribute of a month in a &lt;time&gt; element.</summary>
    public static string Iso(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A count or figure with the language's separators: "1,234", "1.234", "1 234"; "0.00" decimals for averages.</summary>
    public static string Number(decimal value, int decimals = 0) => Language.Number(value, decimals);

    /// <summary>An amount as the language writes it: "$29.99", "29,99 €", "¥4,500".</summary>
    public static string Money(decimal amount, string currency) => Language.Money(amount, currency);

    /// <summary>"5 h 20 min", "40 min": for the 24-hour answer timer.</summary>
    public static string Duration(TimeSpan span)
    {
        var s = span.Duration();
        if (s.TotalHours >= 1) return Words["{0} h {1} min", (int)s.TotalHours, s.Minutes];
        return Words["{0} min", Math.Max(1, s.Minutes)];
    }

    public static string Stars(int rating) => new string('★', Math.Clamp(rating, 0, 5)) + new string('☆', 5 - Math.Clamp(rating, 0, 5));

    public static string Reason(ContactReason reason) => Words[Wording.Reason(reason)];

    /// <summary>The reason from its stored name, as the dashboard's aggregates give it.</summary>
    public static string Reason(string storedName) => Words[Wording.Reason(storedName)];

    /// <summary>"50 %" in English (as it always was), "50 %" in German, "50%" in Japanese; a dash without contacts.</summary>
    public static string Percent(double? rate) => rate is not { } r ? "—"
        : InEnglish(out var l) ? r.ToString("P0", CultureInfo.InvariantCulture) : l.Percent(r);

    public static string Frequency(AlertFrequency f) => Words[Wording.Frequency(f)];

    public static string FrequencyDescription(AlertFrequency f) => f switch
    {
        AlertFrequency.Immediately => Words["An email within minutes of new critical reviews."],
        AlertFrequency.Daily => Words["At most one email a day, listing the new critical reviews."],
        AlertFrequency.Weekly => Words["At most one email a week, listing the new critical reviews."],
        _ => Words["No review alert emails."],
    };
}
