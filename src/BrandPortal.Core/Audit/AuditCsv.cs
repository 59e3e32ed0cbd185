using System.Globalization;
using System.Text;

namespace BrandPortal.Core.Audit;

/// <summary>
/// RFC 4180 CSV for the audit export. Cells that a spreadsheet would run as a formula (starting with = + - @, or a tab
/// or carriage return) get a leading apostrophe, because actor names, object ids and notes come from users.
/// </summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["id", "at_utc", "actor", "action", "object_type", "object_id", "before", "after", "client_ip"];

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<AuditRow> rows, CancellationToken ct = default)
    {
        await writer.WriteAsync(Line(Header));
        var count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line([
                r.Id.ToString(CultureInfo.InvariantCulture), r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                r.Actor, r.Action, r.ObjectType, r.ObjectId, r.Before, r.After, r.ClientIp]));
            // Flush now and then so a long export reaches the browser as it is read, not at the end.
            if (++count % 500 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    public static string Line(IEnumerable<string?> cells)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(Cell(cell));
        }
        return sb.Append("\r\n").ToString();
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
