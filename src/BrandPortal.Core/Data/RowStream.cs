using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BrandPortal.Core.Data;

/// <summary>
/// One SQL statement read row by row from a single data reader: for exports of up to millions of rows, where a list
/// (or batches of statements) would cost memory and round trips. PostgreSQL sends the rows as the reader asks for
/// them, so the process holds one row at a time; the caller writes each row out before asking for the next.
/// </summary>
public static class RowStream
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(BrandPortalDbContext db, string sql, IReadOnlyList<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, T> map, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // EF's own connection, opened and closed here, so the statement runs in the context's transaction if any.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection())
            {
                // An export may legitimately read for minutes; the request's cancellation still stops it.
                CommandTimeout = 0,
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct)) yield return map(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
