using System.Globalization;
using System.Text;

namespace BrandPortal.Core.Paging;

/// <summary>
/// A position in a list ordered by (rank, time, id), newest first: the key of the first or last row shown, with the id
/// as tie-breaker, so a page never repeats or skips a row however many arrive meanwhile. <see cref="Rank"/> puts a
/// group first (the Message Center's unread messages); lists without groups leave it 0. Opaque to the browser
/// (base64url) and only a position: it grants nothing, since every query is scoped to the reader anyway.
/// </summary>
public sealed record PageCursor(int Rank, DateTimeOffset At, long Id)
{
    private const string Version = "p1";
    private const int MaxEncodedLength = 80;

    /// <summary>Microseconds since the Unix epoch: PostgreSQL's timestamptz precision, so the key round-trips exactly.</summary>
    private static long Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public string Encode()
    {
        var text = string.Join('.', Version, Rank.ToString(CultureInfo.InvariantCulture), Micros(At).ToString(CultureInfo.InvariantCulture),
            Id.ToString(CultureInfo.InvariantCulture));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string? encoded, out PageCursor? cursor)
    {
        cursor = null;
        if (encoded is null) return false;
        encoded = encoded.Trim();
        if (encoded.Length is 0 or > MaxEncodedLength) return false;
        var b64 = encoded.Replace('-', '+').Replace('_', '/');
        b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
        byte[] bytes;
        try { bytes = Convert.FromBase64String(b64); }
        catch (FormatException) { return false; }
        var parts = Encoding.ASCII.GetString(bytes).Split('.');
        if (parts.Length != 4 || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rank) || rank is < 0 or > 1
            || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            return false;
        // Beyond these bounds DateTimeOffset cannot represent the instant.
        const long maxMicros = 253_402_300_799_999_999L, minMicros = -62_135_596_800_000_000L;
        if (micros is < minMicros or > maxMicros) return false;
        cursor = new PageCursor(rank, new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero), id);
        return true;
    }
}

/// <summary>Which page to show: the first, the one after a row (<c>after=</c>, Next) or the one before a row (<c>before=</c>, Previous).</summary>
public sealed record PageRequest(PageCursor? After, PageCursor? Before)
{
    public static PageRequest First { get; } = new(null, null);

    public const string InvalidLink = "The page link is not valid (it may have been cut short); showing the first page.";

    /// <summary>Reads <c>after=</c> / <c>before=</c> from the URL; a link that cannot be read gives the first page and a message, never an error.</summary>
    public static (PageRequest Request, string? Message) Parse(string? after, string? before)
    {
        var hasAfter = !string.IsNullOrWhiteSpace(after);
        var hasBefore = !string.IsNullOrWhiteSpace(before);
        if (!hasAfter && !hasBefore) return (First, null);
        if (hasAfter && hasBefore) return (First, "A page link names one position (after= or before=), not both; showing the first page.");
        if (!PageCursor.TryDecode(hasAfter ? after : before, out var cursor)) return (First, InvalidLink);
        return (hasAfter ? new PageRequest(cursor, null) : new PageRequest(null, cursor), null);
    }
}

/// <summary>One page of a keyset-paged list, with the positions its Next and Previous links carry (null: no such page).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, PageCursor? Next, PageCursor? Previous)
{
    public static KeysetPage<T> Empty { get; } = new([], null, null);

    /// <summary>
    /// Cuts rows fetched one past the page size (in the direction read: forwards for the first page and Next, backwards
    /// for Previous) into a page, and sets the cursors from its first and last rows.
    /// </summary>
    public static KeysetPage<T> From(List<T> fetched, PageRequest request, int size, Func<T, PageCursor> keyOf)
    {
        var more = fetched.Count > size;
        if (more) fetched.RemoveAt(fetched.Count - 1);
        if (request.Before is not null) fetched.Reverse();
        if (fetched.Count == 0) return Empty;
        var backwards = request.Before is not null;
        var hasNext = backwards || more;
        var hasPrevious = backwards ? more : request.After is not null;
        return new KeysetPage<T>(fetched, hasNext ? keyOf(fetched[^1]) : null, hasPrevious ? keyOf(fetched[0]) : null);
    }
}
