using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BrandPortal.Core.Data;

/// <summary>
/// A read statement whose text the caller builds, run as a plain NpgsqlCommand on the context's own connection and read
/// by a hand-written row reader. For the busiest page: EF's SqlQueryRaw regenerates the command of a text it did not
/// build on every run (its SQL generator, the named parameters parsed and rewritten, the parameters cloned, the
/// materializer), about a sixth of the Customer Reviews page's allocations. What EF does around a statement stays:
/// the context's execution strategy runs it (a read replica's retry on a standby that stopped, see ReadRetryStrategy),
/// the connection opens and closes through the context (its transaction and command timeout apply), and the
/// context's interceptors and command log see the statement, its reader and its failure (the primary's health watch,
/// PrimaryWatch, among them).
/// </summary>
/// <remarks>
/// Parameters are positional: the text names them $1, $2 … and they carry no name, so Npgsql sends the text as it is
/// instead of parsing it for @names. Each parameter is used once per run and released afterwards, so a retry can add
/// it to its new command.
/// </remarks>
public static class DirectQuery
{
    public static Task<List<T>> ListAsync<T>(BrandPortalDbContext db, string sql, IReadOnlyList<NpgsqlParameter> parameters,
        Func<DbDataReader, T> map, CancellationToken ct = default)
        => db.Database.CreateExecutionStrategy().ExecuteAsync((db, sql, parameters, map),
            static (_, s, ct) => RunAsync(s.db, s.sql, s.parameters, s.map, ct), null, ct);

    private static async Task<List<T>> RunAsync<T>(BrandPortalDbContext db, string sql, IReadOnlyList<NpgsqlParameter> parameters,
        Func<DbDataReader, T> map, CancellationToken ct)
    {
        var connection = db.GetService<IRelationalConnection>();
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        await connection.OpenAsync(ct);
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection.DbConnection)
        {
            Transaction = (NpgsqlTransaction?)connection.CurrentTransaction?.GetDbTransaction(),
        };
        if (connection.CommandTimeout is { } timeout) command.CommandTimeout = timeout;
        var commandId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        try
        {
            foreach (var p in parameters) command.Parameters.Add(p);
            var intercepted = await logger.CommandReaderExecutingAsync(connection, command, sql, db, commandId, connection.ConnectionId, start,
                CommandSource.FromSqlQuery, ct);
            var reader = intercepted.HasResult ? intercepted.Result : await command.ExecuteReaderAsync(ct);
            reader = await logger.CommandReaderExecutedAsync(connection, command, sql, db, commandId, connection.ConnectionId, reader, start,
                watch.Elapsed, CommandSource.FromSqlQuery, ct);
            await using (reader)
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(ct)) rows.Add(map(reader));
                return rows;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await logger.CommandErrorAsync(connection, command, sql, db, DbCommandMethod.ExecuteReader, commandId, connection.ConnectionId, e, start,
                watch.Elapsed, CommandSource.FromSqlQuery, CancellationToken.None);
            throw;
        }
        finally
        {
            // Npgsql lets a parameter belong to one command at a time: release them for a retry (or the caller).
            command.Parameters.Clear();
            await command.DisposeAsync();
            await connection.CloseAsync();
        }
    }

    /// <summary>A nullable column of a value type.</summary>
    public static T? Value<T>(DbDataReader r, int ordinal) where T : struct => r.IsDBNull(ordinal) ? null : r.GetFieldValue<T>(ordinal);

    /// <summary>A nullable bigint column.</summary>
    public static long? Long(DbDataReader r, int ordinal) => Value<long>(r, ordinal);

    /// <summary>A nullable text column.</summary>
    public static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    /// <summary>A nullable timestamp with time zone, as EF reads it (UTC).</summary>
    public static DateTimeOffset? Time(DbDataReader r, int ordinal) => Value<DateTimeOffset>(r, ordinal);
}
