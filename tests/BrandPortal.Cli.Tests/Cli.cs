using BrandPortal.Testing;

namespace BrandPortal.Cli.Tests;

/// <summary>Runs the CLI in this process, as `brandportal ARGS` would, against one database; returns its exit code and what it printed.</summary>
public static class Cli
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] args)
    {
        using var output = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, new Dictionary<string, string?> { ["ConnectionStrings:BrandPortal"] = connectionString });
        return (exit, output.ToString());
    }

    /// <summary>The CLI with no database at all: for the commands that must fail before they would need one.</summary>
    public static Task<(int ExitCode, string Output)> RunWithoutDatabaseAsync(params string[] args)
        => RunAsync("Host=127.0.0.1;Port=1;Database=none;Timeout=1", args);
}

/// <summary>A database that exists and holds nothing, not even the schema: where `migrate` starts on a new server.</summary>
public sealed class BlankDatabase : Xunit.IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await TestPostgres.ServerAsync();
        var name = $"bp_blank_{Guid.NewGuid():N}"[..30];
        await TestPostgres.ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        ConnectionString = TestPostgres.ConnectionString(name);
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);
}
