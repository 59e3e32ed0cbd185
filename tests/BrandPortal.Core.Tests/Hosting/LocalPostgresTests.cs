using BrandPortal.Core.Hosting;
using FluentAssertions;
using Npgsql;
using Xunit;

namespace BrandPortal.Core.Tests.Hosting;

public sealed class LocalPostgresTests
{
    [Fact]
    public async Task StartAsync_SecondStartOfSameDataDirectory_ReusesClusterAndItsData()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bp-reuse-{Guid.NewGuid():N}");
        var first = await LocalPostgres.StartAsync(dir, forTests: true);
        try
        {
            first.StartedHere.Should().BeTrue();
            await first.EnsureDatabaseAsync("brandportal");
            await Execute(first, "CREATE TABLE marker (x int); INSERT INTO marker VALUES (42);");

            // Started again while running: the same server is reused, on its port.
            var reused = await LocalPostgres.StartAsync(dir, forTests: true);
            reused.StartedHere.Should().BeFalse();
            reused.Port.Should().Be(first.Port);

            // Stopped and started again: the same cluster (not a new initdb) with its data.
            await first.StopAsync();
            var restarted = await LocalPostgres.StartAsync(dir, forTests: true);
            restarted.StartedHere.Should().BeTrue();
            await using var conn = new NpgsqlConnection(restarted.ConnectionString("brandportal"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT x FROM marker", conn);
            (await cmd.ExecuteScalarAsync()).Should().Be(42);
            NpgsqlConnection.ClearAllPools();
            await restarted.StopAsync();
        }
        finally
        {
            await first.StopAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task Execute(LocalPostgres pg, string sql)
    {
        await using var conn = new NpgsqlConnection(pg.ConnectionString("brandportal"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
