using BrandPortal.Core.Generate;
using BrandPortal.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit;

namespace BrandPortal.Core.Tests.Generate;

/// <summary>
/// One small generator run into an empty migrated database, shared by the tests of a class that only read it; the
/// schema's indexes and foreign keys are recorded before the run so that a test can compare them afterwards.
/// </summary>
public sealed class GeneratedDatabase : IAsyncLifetime
{
    public static readonly GenerateOptions Options = new(Reviews: 600, Brands: 6, Seed: 7);
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    public string ConnectionString { get; private set; } = "";
    public GenerateSummary Summary { get; private set; } = null!;
    public IReadOnlyList<SchemaObject> SchemaBefore { get; private set; } = [];

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(withDemoData: false);
        SchemaBefore = await SchemaObject.ReadAsync(ConnectionString);
        Summary = await Generate(ConnectionString, Options).RunAsync();
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);

    public static DataGenerator Generate(string connectionString, GenerateOptions options)
        => new(connectionString, options, new FakeTimeProvider(Now));

    public Task<long> CountAsync(string sql) => Sql.ScalarAsync<long>(ConnectionString, sql);
}

/// <summary>An index or foreign key of the schema as PostgreSQL would recreate it, and whether it is usable.</summary>
public sealed record SchemaObject(string Table, string Name, string Definition, string Kind, bool Usable)
{
    public static async Task<IReadOnlyList<SchemaObject>> ReadAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        // indisvalid: usable by queries; indisready: maintained by writes. convalidated: a foreign key checked for every row.
        await using var cmd = new NpgsqlCommand("""
            SELECT t.relname, ic.relname, pg_get_indexdef(i.indexrelid), CASE WHEN i.indisprimary THEN 'primary key' ELSE 'index' END, i.indisvalid AND i.indisready
              FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE t.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT t.relname, c.conname, pg_get_constraintdef(c.oid), 'foreign key', c.convalidated
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
             WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
             ORDER BY 1, 2
            """, conn);
        var result = new List<SchemaObject>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result.Add(new SchemaObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4)));
        return result;
    }
}

internal static class Sql
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
