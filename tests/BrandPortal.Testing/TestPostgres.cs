using BrandPortal.Core.Data;
using BrandPortal.Core.Hosting;
using Npgsql;
using Xunit;

namespace BrandPortal.Testing;

/// <summary>
/// The PostgreSQL server of a test run: the one named by BRANDPORTAL_TEST_PG (a connection string to a server the
/// tests may create databases on), or else a throwaway cluster started from the local binaries and removed at exit.
/// Databases are copied from migrated templates, so each test class starts from a clean database in milliseconds.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "BRANDPORTAL_TEST_PG";
    public const string EmptyTemplate = "bp_template_empty";
    public const string DemoTemplate = "bp_template_demo";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _serverConnectionString;
    private static LocalPostgres? _cluster;
    private static readonly HashSet<string> ReadyTemplates = [];

    public static LocalPostgres? Cluster => _cluster;

    /// <summary>A connection string to the maintenance database of the test server.</summary>
    public static async Task<string> ServerAsync()
    {
        if (_serverConnectionString is not null) return _serverConnectionString;
        await Gate.WaitAsync();
        try
        {
            if (_serverConnectionString is not null) return _serverConnectionString;
            if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured)
            {
                _serverConnectionString = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
            }
            else
            {
                if (LocalPostgres.FindBinaries() is null)
                    throw new InvalidOperationException($"Tests need PostgreSQL: {LocalPostgres.MissingBinariesMessage} Or set {ServerVariable}.");
                var dir = Path.Combine(Path.GetTempPath(), $"brandportal-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
                _cluster = await LocalPostgres.StartAsync(dir, forTests: true);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopCluster();
                _serverConnectionString = _cluster.ConnectionString("postgres");
            }
            return _serverConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string ConnectionString(string database)
        => new NpgsqlConnectionStringBuilder(_serverConnectionString!) { Database = database, IncludeErrorDetail = true }.ConnectionString;

    /// <summary>Creates a fresh database: empty (migrated only) or with the demo data as of today.</summary>
    public static async Task<string> CreateDatabaseAsync(bool withDemoData)
    {
        await ServerAsync();
        var template = withDemoData ? DemoTemplate : EmptyTemplate;
        await EnsureTemplateAsync(template);
        var name = $"bp_{Guid.NewGuid():N}"[..30];
        await Gate.WaitAsync();
        try
        {
            await ExecuteAsync(_serverConnectionString!, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            Gate.Release();
        }
        return ConnectionString(name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        try { await ExecuteAsync(_serverConnectionString!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"); }
        catch (NpgsqlException) { /* the server may be gone at the end of the run */ }
    }

    private static async Task EnsureTemplateAsync(string template)
    {
        await Gate.WaitAsync();
        try
        {
            if (ReadyTemplates.Contains(template)) return;
            await ExecuteAsync(_serverConnectionString!, $"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)");
            await ExecuteAsync(_serverConnectionString!, $"CREATE DATABASE \"{template}\"");
            var cs = ConnectionString(template);
            await using (var db = DbContextOptionsSetup.Create(cs))
            {
                await DatabaseInitializer.MigrateAsync(db);
                if (template == DemoTemplate) await DatabaseInitializer.SeedDemoAsync(db, TimeProvider.System);
            }
            // A template cannot be copied while anyone is connected to it.
            NpgsqlConnection.ClearAllPools();
            ReadyTemplates.Add(template);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static void StopCluster()
    {
        if (_cluster is null) return;
        try
        {
            _cluster.StopAsync().GetAwaiter().GetResult();
            Directory.Delete(_cluster.DataDirectory, recursive: true);
        }
        catch (Exception) { /* best effort at process exit */ }
    }
}

/// <summary>A clean database for one test class (xunit class fixture).</summary>
public class TestDatabase : IAsyncLifetime
{
    protected virtual bool WithDemoData => false;

    public string ConnectionString { get; private set; } = "";

    public BrandPortalDbContext CreateContext() => DbContextOptionsSetup.Create(ConnectionString);

    public async Task InitializeAsync() => ConnectionString = await TestPostgres.CreateDatabaseAsync(WithDemoData);

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);
}

public sealed class EmptyDatabase : TestDatabase;

public sealed class DemoDatabase : TestDatabase
{
    protected override bool WithDemoData => true;
}
