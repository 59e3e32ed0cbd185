using BrandPortal.Core.Data;
using BrandPortal.Core.Hosting;
using Npgsql;
using Xunit;

namespace BrandPortal.Testing;

/// <summary>
/// A primary with the demo data and a hot standby streaming from it (<c>pg_basebackup -R</c>), both on loopback, both
/// removed at the end. Its own pair, not the shared test cluster: the tests that use it stop and start these servers.
/// Share one per test collection (start-up takes a few seconds) and leave both running at the end of each test.
/// </summary>
public sealed class ReplicatedPostgres : IAsyncLifetime
{
    public const string Database = "brandportal";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"bp-replica-{Guid.NewGuid():N}"[..30]);

    public LocalPostgres Primary { get; private set; } = null!;
    public LocalPostgres Standby { get; private set; } = null!;

    public string PrimaryConnectionString => Primary.ConnectionString(Database);
    public string StandbyConnectionString => Standby.ConnectionString(Database);

    /// <summary>
    /// As an operator would write it: the standby first, the primary last as the fallback. Npgsql skips a host it saw
    /// fail for Host Recheck Seconds (10 by default): 2 here, as tests stop one server soon after the other came back.
    /// </summary>
    public string ReadConnectionString =>
        $"Host=127.0.0.1:{Standby.Port},127.0.0.1:{Primary.Port};Username={LocalPostgres.SuperUser};Database={Database};" +
        "Target Session Attributes=prefer-standby;Load Balance Hosts=true;Host Recheck Seconds=2;Include Error Detail=true";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        Primary = await LocalPostgres.StartAsync(Path.Combine(_root, "primary"), forTests: true);
        await Primary.EnsureDatabaseAsync(Database);
        await using (var db = DbContextOptionsSetup.Create(PrimaryConnectionString))
        {
            await DatabaseInitializer.MigrateAsync(db);
            await DatabaseInitializer.SeedDemoAsync(db, TimeProvider.System);
        }
        Standby = await Primary.StartStandbyAsync(Path.Combine(_root, "standby"), forTests: true);
        await WaitForReplayAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Standby is not null) await Standby.StopAsync();
        if (Primary is not null) await Primary.StopAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* the servers may still be closing files */ }
    }

    public async Task StopStandbyAsync() => await Standby.StopAsync();

    /// <summary>Starts the standby again, and waits out Npgsql's Host Recheck Seconds so that the next test's reads find it.</summary>
    public async Task StartStandbyAsync()
    {
        Standby = await LocalPostgres.StartAsync(Standby.DataDirectory, Standby.Port, forTests: true);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        NpgsqlConnection.ClearAllPools();
    }

    public async Task StopPrimaryAsync() => await Primary.StopAsync();

    public async Task StartPrimaryAsync() => Primary = await LocalPostgres.StartAsync(Primary.DataDirectory, Primary.Port, forTests: true);

    /// <summary>Waits out Npgsql's Host Recheck Seconds after a restart, so that the next test's reads consider every host again.</summary>
    public static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(2.5));

    public Task PauseReplayAsync() => TestPostgres.ExecuteAsync(StandbyConnectionString, "SELECT pg_wal_replay_pause()");

    public Task ResumeReplayAsync() => TestPostgres.ExecuteAsync(StandbyConnectionString, "SELECT pg_wal_replay_resume()");

    /// <summary>Waits until the standby has replayed everything the primary has written so far; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForReplayAsync(TimeSpan? timeout = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var target = await ScalarAsync<string>(PrimaryConnectionString, "SELECT pg_current_wal_insert_lsn()::text");
        var deadline = timeout ?? TimeSpan.FromSeconds(30);
        while (!await ScalarAsync<bool>(StandbyConnectionString, $"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"))
        {
            if (started.Elapsed > deadline) throw new TimeoutException($"The standby did not replay up to {target} within {deadline}.");
            await Task.Delay(5);
        }
        return started.Elapsed;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
