using BrandPortal.Core.Data.Replicas;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Data.Replicas;

/// <summary>
/// The DbContext of one request's stale-tolerant reads (list pages, dashboard, exports, the read API). Without a read
/// replica it is the request's own primary DbContext: no second connection, no extra statement. With one it is a
/// context on the replica's connection string, rented on first use — unless <see cref="CatchUpAsync"/> found that the
/// standby has not yet replayed this user's last write, in which case it is the primary's (read your writes).
/// Check-then-write services keep taking <see cref="BrandPortalDbContext"/> itself: they must see the primary.
/// </summary>
public sealed class ReadDb(BrandPortalDbContext primary, ReadReplica? replica = null) : IAsyncDisposable, IDisposable
{
    private BrandPortalDbContext? _standby;
    private bool _primaryOnly;

    /// <summary>
    /// A plain DbContext is a ReadDb without a replica: tools, seeders and tests that build services by hand pass their
    /// one context where a service takes a ReadDb.
    /// </summary>
    public static implicit operator ReadDb(BrandPortalDbContext db) => new(db);

    public BrandPortalDbContext Context => replica is null || _primaryOnly ? primary : _standby ??= replica.Rent();

    /// <summary>True when reads go to the replica's connection string (a standby, or the primary if no standby answers).</summary>
    public bool UsesReplica => replica is not null && !_primaryOnly;

    /// <summary>
    /// Read your writes: <paramref name="lsn"/> is the primary's WAL position after the user's last write. One statement
    /// on the read connection; when it answers from a standby that has not replayed that far, this request reads the
    /// primary instead. While the primary is down, the standby's view is the best there is: the check is skipped.
    /// Returns whether the read side had caught up (then the caller can forget the position).
    /// </summary>
    public async Task<bool> CatchUpAsync(string lsn, CancellationToken ct = default)
    {
        if (replica is null || replica.Primary.IsDown) return replica is null;
        var db = Context;
        try
        {
            var connection = db.Database.GetDbConnection();
            var opened = connection.State != ConnectionState.Open;
            if (opened) await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT NOT pg_is_in_recovery() OR COALESCE(pg_last_wal_replay_lsn() >= @lsn::pg_lsn, false)";
                command.Parameters.Add(new NpgsqlParameter("lsn", lsn));
                var caughtUp = await command.ExecuteScalarAsync(ct) is true;
                _primaryOnly = !caughtUp;
                return caughtUp;
            }
            finally
            {
                if (opened) await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception e) when (Outage.Is(e) || e is PostgresException { SqlState: "22P02" })
        {
            // No read server answers (the primary will say so itself), or the position was not an LSN: read the primary.
            _primaryOnly = true;
            return false;
        }
    }

    /// <summary>The primary's current WAL position (to hand to <see cref="CatchUpAsync"/> on the user's next request).</summary>
    public async Task<string?> PrimaryPositionAsync(CancellationToken ct = default)
    {
        if (replica is null) return null;
        var connection = primary.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await primary.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_current_wal_insert_lsn()::text";
            return await command.ExecuteScalarAsync(ct) as string;
        }
        finally
        {
            if (opened) await primary.Database.CloseConnectionAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_standby is not null) await _standby.DisposeAsync();
        _standby = null;
    }

    public void Dispose()
    {
        _standby?.Dispose();
        _standby = null;
    }
}
