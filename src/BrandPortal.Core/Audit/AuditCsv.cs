using System.Globalization;
using BrandPortal.Core.Csv;

namespace BrandPortal.Core.Audit;

/// <summary>The audit export's columns; quoting and formula neutralising are <see cref="CsvText"/>'s.</summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["id", "at_utc", "actor", "action", "object_type", "object_id", "before", "after", "client_ip"];

    public static Task WriteAsync(TextWriter writer, IAsyncEnumerable<AuditRow> rows, CancellationToken ct = default)
        => CsvText.WriteAsync(writer, Header, rows, r => [
            r.Id.ToString(CultureInfo.InvariantCulture), r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            r.Actor, r.Action, r.ObjectType, r.ObjectId, r.Before, r.After, r.ClientIp], ct);
}
