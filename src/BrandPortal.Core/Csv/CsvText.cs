using System.Text;

namespace BrandPortal.Core.Csv;

/// <summary>
/// RFC 4180 CSV for every export. Cells that a spreadsheet would run as a formula (starting with = + - @, or a tab
/// or carriage return) get a leading apostrophe, because what lands in an export (names, review text, notes) comes
/// from users and customers.
/// </summary>
public static class CsvText
{
    /// <summary>Flush every this many rows, so a long export reaches the browser as it is read, not at the end.</summary>
    public const int FlushEvery = 500;

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

    /// <summary>Writes the header, then one line per row as the rows are read, flushing now and then.</summary>
    public static async Task WriteAsync<T>(TextWriter writer, IReadOnlyList<string> header, IAsyncEnumerable<T> rows,
        Func<T, IEnumerable<string?>> cells, CancellationToken ct = default)
    {
        await writer.WriteAsync(Line(header));
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(cells(row)));
            if (++count % FlushEvery == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }
}
