using BrandPortal.Core;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Web.Pages;

/// <summary>
/// How pages write values: times in UTC with the invariant culture, the same for every user (formats and reason names
/// come from Core's <see cref="Wording"/>, which the emails and the CSV export share), and the page-only labels.
/// </summary>
public static class Display
{
    public static string When(DateTimeOffset at) => Wording.When(at);

    public static string WhenInSentence(DateTimeOffset at) => Wording.WhenInSentence(at);

    public static string Day(DateTimeOffset at) => Wording.Day(at);

    public static string Month(DateOnly month) => Wording.Month(month);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"5 h 20 min", "40 min": for the 24-hour answer timer.</summary>
    public static string Duration(TimeSpan span)
    {
        var s = span.Duration();
        if (s.TotalHours >= 1) return $"{(int)s.TotalHours} h {s.Minutes} min";
        return $"{Math.Max(1, s.Minutes)} min";
    }

    public static string Stars(int rating) => new string('★', Math.Clamp(rating, 0, 5)) + new string('☆', 5 - Math.Clamp(rating, 0, 5));

    public static string Reason(ContactReason reason) => Wording.Reason(reason);

    /// <summary>The reason from its stored name, as the dashboard's aggregates give it.</summary>
    public static string Reason(string storedName) => Wording.Reason(storedName);

    public static string Percent(double? rate) => rate is { } r ? r.ToString("P0", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string Frequency(AlertFrequency f) => Wording.Frequency(f);

    public static string FrequencyDescription(AlertFrequency f) => f switch
    {
        AlertFrequency.Immediately => "An email within minutes of new critical reviews.",
        AlertFrequency.Daily => "At most one email a day, listing the new critical reviews.",
        AlertFrequency.Weekly => "At most one email a week, listing the new critical reviews.",
        _ => "No review alert emails.",
    };
}
