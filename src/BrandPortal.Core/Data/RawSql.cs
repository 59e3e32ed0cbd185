using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace BrandPortal.Core.Data;

/// <summary>
/// Statements that run on every request, read with Npgsql directly on the context's connection rather than through
/// <c>SqlQueryRaw</c>. EF cannot cache the command of a raw query with parameters: it formats the SQL text again on
/// every call, and Npgsql then parses it again to turn named parameters into positional ones. Here the text is written
/// with positional parameters (<c>$1</c>) and goes to the server as it is, prepared once per pooled connection like
/// every other statement (Max Auto Prepare).
/// </summary>
public static class RawSql
{
    /// <summary>Runs <paramref name="sql"/> on the context's connection (opening it when EF has not) and reads its rows.</summary>
    public static async Task<T> QueryAsync<T>(this DatabaseFacade database, string sql, IReadOnlyList<NpgsqlParameter> parameters,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var parameter in parameters) command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await read(reader, ct);
        }
        finally
        {
            if (opened) await database.CloseConnectionAsync();
        }
    }

    /// <summary>The column as a reference value, null for SQL NULL.</summary>
    public static T? Nullable<T>(this NpgsqlDataReader reader, int ordinal) where T : class
        => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    /// <summary>The column as a value type, null for SQL NULL.</summary>
    public static T? NullableValue<T>(this NpgsqlDataReader reader, int ordinal) where T : struct
        => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
