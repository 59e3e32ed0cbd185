using System.Globalization;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core;

/// <summary>
/// How BrandPortal writes its values for people, in pages, emails' facts, messages and the CSV export alike: times in
/// UTC with the invariant culture (the same for every user), and one name per contact reason. Pages reach these through
/// the Web project's Display helper; Core uses them directly.
/// </summary>
public static class Wording
{
    public const string DayFormat = "d MMM yyyy";
    public const string MonthFormat = "MMM yyyy";
    public const string WhenFormat = "d MMM yyyy, HH:mm 'UTC'";
    public const string WhenInSentenceFormat = "d MMM yyyy 'at' HH:mm 'UTC'";
    public const string WhenSpelledOutFormat = "d MMMM yyyy, HH:mm 'UTC'";

    /// <summary>"3 Mar 2026".</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>"3 Mar 2026" for a calendar date (no time zone to convert).</summary>
    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>"Mar 2026".</summary>
    public static string Month(DateOnly month) => month.ToString(MonthFormat, CultureInfo.InvariantCulture);

    /// <summary>"3 Mar 2026, 14:05 UTC": a time on its own (lists, timelines).</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString(WhenFormat, CultureInfo.InvariantCulture);

    /// <summary>"3 Mar 2026 at 14:05 UTC": a time inside a sentence ("… contacted this customer on …").</summary>
    public static string WhenInSentence(DateTimeOffset at) => at.UtcDateTime.ToString(WhenInSentenceFormat, CultureInfo.InvariantCulture);

    /// <summary>"3 March 2026, 14:05 UTC": the month in full, for emails read away from the portal.</summary>
    public static string WhenSpelledOut(DateTimeOffset at) => at.UtcDateTime.ToString(WhenSpelledOutFormat, CultureInfo.InvariantCulture);

    /// <summary>The reason's name as the Contact page offers it: "Courtesy Refund" or "Customer Support".</summary>
    public static string Reason(ContactReason reason) => reason switch
    {
        ContactReason.CourtesyRefund => "Courtesy Refund",
        ContactReason.CustomerSupport => "Customer Support",
        _ => reason.ToString(),
    };

    /// <summary>How often review alerts come: "Immediately", "Daily", "Weekly" or "Off".</summary>
    public static string Frequency(AlertFrequency frequency) => frequency switch
    {
        AlertFrequency.Immediately => "Immediately",
        AlertFrequency.Daily => "Daily",
        AlertFrequency.Weekly => "Weekly",
        _ => "Off",
    };

    /// <summary>The reason from its stored name ("CourtesyRefund"), as raw SQL and aggregates return it.</summary>
    public static string Reason(string storedName)
        => Enum.TryParse<ContactReason>(storedName, out var reason) && Enum.IsDefined(reason) ? Reason(reason) : storedName;
}
