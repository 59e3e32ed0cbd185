using System.Globalization;

namespace BrandPortal.Core.Filtering;

public enum FilterDateProblem { None, NotADate, OutOfRange }

/// <summary>
/// A date typed into a filter (<c>from=</c>, <c>to=</c>): a UTC calendar day written yyyy-MM-dd, between
/// <see cref="Earliest"/> and <see cref="Latest"/>. Nothing BrandPortal holds is older than 2000 or later than 2100,
/// and the narrow range keeps every conversion to an instant (and the day after <c>to</c>) far from the limits of
/// <see cref="DateOnly"/> and <see cref="DateTimeOffset"/>, where 9999-12-31 + 1 day throws.
/// </summary>
public static class FilterDate
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);
    public const string Example = "2026-05-31";
    public static string Range => $"{Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}";

    public static FilterDateProblem TryParse(string? text, out DateOnly day)
    {
        day = default;
        if (text is null || !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return FilterDateProblem.NotADate;
        if (parsed < Earliest || parsed > Latest) return FilterDateProblem.OutOfRange;
        day = parsed;
        return FilterDateProblem.None;
    }

    /// <summary>Midnight UTC at the start of the day.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Midnight UTC after the day: the exclusive end of a filter that includes the whole day. Never throws.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => day == DateOnly.MaxValue ? DateTimeOffset.MaxValue : StartOf(day.AddDays(1));
}
