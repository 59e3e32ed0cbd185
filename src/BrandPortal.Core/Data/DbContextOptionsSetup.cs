using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BrandPortal.Core.Data;

public static class DbContextOptionsSetup
{
    /// <summary>The one place that says how BrandPortal talks to PostgreSQL; the portal, the CLI and the tests share it.</summary>
    public static DbContextOptionsBuilder<BrandPortalDbContext> UseBrandPortalDatabase(this DbContextOptionsBuilder<BrandPortalDbContext> options,
        string connectionString, Action<Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder>? npgsqlOptions = null)
        => (DbContextOptionsBuilder<BrandPortalDbContext>)((DbContextOptionsBuilder)options).UseBrandPortalDatabase(connectionString, npgsqlOptions);

    public static DbContextOptionsBuilder UseBrandPortalDatabase(this DbContextOptionsBuilder options, string connectionString,
        Action<Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder>? npgsqlOptions = null)
        => options
            .UseNpgsql(Tuned(FailFast(connectionString)), npgsql =>
            {
                npgsql.MigrationsHistoryTable("__ef_migrations_history");
                npgsqlOptions?.Invoke(npgsql);
            })
            .UseSnakeCaseNamingConvention()
            // Reads that need a user and two of their collections stay one statement on purpose (see AccessService).
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.MultipleCollectionIncludeWarning));

    /// <summary>
    /// When the database is down, a request should fail within seconds with a friendly page, not hang for Npgsql's
    /// default 15 s: unless the connection string says otherwise, connecting times out after 5 s.
    /// </summary>
    public static string FailFast(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        return builder.ConnectionString;
    }

    /// <summary>
    /// Every page runs the same few statements (access, the review page, its count, eligibility): Npgsql prepares
    /// them once per pooled connection (Max Auto Prepare) so PostgreSQL stops planning them on each request, and
    /// skips the DISCARD ALL it would send each time a connection goes back to the pool (No Reset On Close), which
    /// would also drop those prepared statements. BrandPortal keeps no session state on a connection, so nothing
    /// needs resetting. Values set explicitly in the connection string win.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) b.MaxAutoPrepare = 64;
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys)
        => keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));

    public static BrandPortalDbContext Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<BrandPortalDbContext>();
        builder.UseBrandPortalDatabase(connectionString);
        return new BrandPortalDbContext(builder.Options);
    }
}
