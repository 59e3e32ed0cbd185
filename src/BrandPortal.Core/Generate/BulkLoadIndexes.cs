using System.Collections.Concurrent;
using Npgsql;

namespace BrandPortal.Core.Generate;

/// <summary>
/// Secondary indexes and foreign keys of the bulk-loaded tables, dropped before a COPY and rebuilt after: building an
/// index once over a million rows is several times cheaper than maintaining it row by row, and a foreign key
/// validated by one join beats a trigger per row. Primary keys stay (other tables' foreign keys point at them).
/// </summary>
public sealed class BulkLoadIndexes
{
    private readonly List<(string Table, string Name, string Definition, bool IsForeignKey)> _dropped = [];

    public int Count => _dropped.Count;

    public static async Task<BulkLoadIndexes> DropAsync(NpgsqlConnection conn, IReadOnlyList<string> tables, CancellationToken ct)
    {
        var result = new BulkLoadIndexes();
        await using (var cmd = new NpgsqlCommand("""
            SELECT t.relname, c.conname, pg_get_constraintdef(c.oid), true
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
             WHERE c.contype = 'f' AND t.relname = ANY(@tables) AND t.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT t.relname, ic.relname, pg_get_indexdef(i.indexrelid), false
              FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE NOT i.indisprimary AND t.relname = ANY(@tables) AND t.relnamespace = current_schema()::regnamespace
            """, conn))
        {
            cmd.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                result._dropped.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var (table, name, _, isForeignKey) in result._dropped)
        {
            var sql = isForeignKey ? $"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\"" : $"DROP INDEX \"{name}\"";
            await using var drop = new NpgsqlCommand(sql, conn, tx);
            await drop.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Rebuilds everything on <paramref name="connections"/> sessions at once, biggest first (a full-text GIN index
    /// over all reviews takes longest), foreign keys after the indexes.
    /// </summary>
    public async Task RestoreAsync(string connectionString, int connections, Action<string>? built, CancellationToken ct)
    {
        var queue = new ConcurrentQueue<string>(_dropped
            .OrderBy(d => d.IsForeignKey)
            .ThenByDescending(d => d.Definition.Contains("USING gin", StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(d => d.Table == "reviews")
            .Select(d => d.IsForeignKey ? $"ALTER TABLE \"{d.Table}\" ADD CONSTRAINT \"{d.Name}\" {d.Definition}" : d.Definition));
        var workers = Enumerable.Range(0, Math.Max(1, connections)).Select(_ => Task.Run(async () =>
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            await using (var set = new NpgsqlCommand("SET maintenance_work_mem = '256MB'; SET max_parallel_maintenance_workers = 0", conn))
                await set.ExecuteNonQueryAsync(ct);
            while (queue.TryDequeue(out var sql))
            {
                await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
                await cmd.ExecuteNonQueryAsync(ct);
                built?.Invoke(sql);
            }
        }, ct)).ToList();
        await Task.WhenAll(workers);
        _dropped.Clear();
    }
}
