using System.Globalization;

namespace BrandPortal.Web.Pages;

/// <summary>How pages write times and durations: UTC, invariant, the same for every user.</summary>
public static class Display
{
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"5 h 20 min", "40 min": for the 24-hour answer timer.</summary>
    public static string Duration(TimeSpan span)
    {
        var s = span.Duration();
        if (s.TotalHours >= 1) return $"{(int)s.TotalHours} h {s.Minutes} min";
        return $"{Math.Max(1, s.Minutes)} min";
    }

    public static string Stars(int rating) => new string('★', Math.Clamp(rating, 0, 5)) + new string('☆', 5 - Math.Clamp(rating, 0, 5));
}
