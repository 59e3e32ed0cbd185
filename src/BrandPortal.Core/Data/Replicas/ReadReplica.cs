using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace BrandPortal.Core.Data.Replicas;

/// <summary>
/// The read side of a portal configured with <c>ConnectionStrings:BrandPortalRead</c>: a pool of DbContexts on that
/// connection string (typically <c>Host=standby1,standby2,primary;Target Session Attributes=prefer-standby;Load Balance
/// Hosts=true</c>), so that Npgsql spreads reads over the standbys and falls back to the primary, listed last, when no
/// standby answers. Registered only when the setting is present.
/// </summary>
public sealed class ReadReplica(string connectionString, PrimaryStatus primary)
{
    private readonly PooledDbContextFactory<BrandPortalDbContext> _contexts = new(Options(connectionString), poolSize: 256);

    public PrimaryStatus Primary => primary;

    internal BrandPortalDbContext Rent() => _contexts.CreateDbContext();

    /// <summary>
    /// Read-only sessions (a statement that would write fails even when Npgsql fell back to the primary), no change
    /// tracking, and a statement retried when a pooled connection to a standby that just stopped turns out broken
    /// (<see cref="ReadRetryStrategy"/>).
    /// </summary>
    public static DbContextOptions<BrandPortalDbContext> Options(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(b.Options)) b.Options = "-c default_transaction_read_only=on";
        return new DbContextOptionsBuilder<BrandPortalDbContext>()
            .UseBrandPortalDatabase(b.ConnectionString, npgsql => npgsql.ExecutionStrategy(d => new ReadRetryStrategy(d)))
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .Options;
    }
}
