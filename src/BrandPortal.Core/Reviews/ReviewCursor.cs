using System.Globalization;
using System.Text;

namespace BrandPortal.Core.Reviews;

/// <summary>
/// Where the next page starts: the sort key of the last review shown plus its id as tie-breaker, so a page never
/// repeats or skips a review however many are inserted meanwhile. Opaque to the browser (base64url), and only a
/// position: it grants nothing, since every query is scoped to the user's brands anyway.
/// </summary>
public sealed record ReviewCursor(ReviewSort Sort, int Rating, DateTimeOffset CreatedAt, long Id)
{
    private const string Version = "1";
    private const int MaxEncodedLength = 120;

    /// <summary>Microseconds since the Unix epoch: PostgreSQL's timestamptz precision, so the key round-trips exactly.</summary>
    private static long Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public string Encode()
    {
        var text = string.Join('.', Version, SortCode(Sort), Rating.ToString(CultureInfo.InvariantCulture),
            Micros(CreatedAt).ToString(CultureInfo.InvariantCulture), Id.ToString(CultureInfo.InvariantCulture));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string encoded, out ReviewCursor? cursor)
    {
        cursor = null;
        if (encoded.Length is 0 or > MaxEncodedLength) return false;
        var b64 = encoded.Trim().Replace('-', '+').Replace('_', '/');
        b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
        byte[] bytes;
        try { bytes = Convert.FromBase64String(b64); }
        catch (FormatException) { return false; }
        var parts = Encoding.ASCII.GetString(bytes).Split('.');
        if (parts.Length != 5 || parts[0] != Version) return false;
        ReviewSort? sort = parts[1] switch { "n" => ReviewSort.Newest, "o" => ReviewSort.Oldest, "l" => ReviewSort.Lowest, _ => null };
        if (sort is null
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rating) || rating is < 1 or > 5
            || !long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            return false;
        // Beyond these bounds DateTimeOffset cannot represent the instant.
        const long maxMicros = 253_402_300_799_999_999L, minMicros = -62_135_596_800_000_000L;
        if (micros is < minMicros or > maxMicros) return false;
        cursor = new ReviewCursor(sort.Value, rating, new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero), id);
        return true;
    }

    private static string SortCode(ReviewSort sort) => sort switch
    {
        ReviewSort.Oldest => "o",
        ReviewSort.Lowest => "l",
        _ => "n",
    };
}
