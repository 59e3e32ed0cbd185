using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BrandPortal.Core.Data;

public static class DbContextOptionsSetup
{
    /// <summary>The one place that says how BrandPortal talks to PostgreSQL; the portal, the CLI and the tests share it.</summary>
    public static DbContextOptionsBuilder UseBrandPortalDatabase(this DbContextOptionsBuilder options, string connectionString)
        => options
            .UseNpgsql(FailFast(connectionString), npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history"))
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

    public static BrandPortalDbContext Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<BrandPortalDbContext>();
        builder.UseBrandPortalDatabase(connectionString);
        return new BrandPortalDbContext(builder.Options);
    }
}
