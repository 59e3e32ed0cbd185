using BrandPortal.Testing;
using FluentAssertions;
using Npgsql;
using Xunit;

namespace BrandPortal.Cli.Tests;

public sealed class MigrateCommandTests(BlankDatabase database) : IClassFixture<BlankDatabase>
{
    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesTheSchemaAndSaysSo()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "migrate");

        exit.Should().Be(0, output);
        output.Should().Contain("Database is up to date.");
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM __ef_migrations_history", conn);
        ((long)(await cmd.ExecuteScalarAsync())!).Should().BeGreaterThan(0);
        await using var reviews = new NpgsqlCommand("SELECT count(*) FROM reviews", conn);
        ((long)(await reviews.ExecuteScalarAsync())!).Should().Be(0);

        (await Cli.RunAsync(database.ConnectionString, "migrate")).ExitCode.Should().Be(0, "migrating twice is harmless");
    }
}
