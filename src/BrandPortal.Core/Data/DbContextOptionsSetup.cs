using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrandPortal.Core.Data;

public static class DbContextOptionsSetup
{
    /// <summary>The one place that says how BrandPortal talks to PostgreSQL; the portal, the CLI and the tests share it.</summary>
    public static DbContextOptionsBuilder UseBrandPortalDatabase(this DbContextOptionsBuilder options, string connectionString)
        => options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // Reads that need a user and two of their collections stay one statement on purpose (see AccessService).
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.MultipleCollectionIncludeWarning));

    public static BrandPortalDbContext Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<BrandPortalDbContext>();
        builder.UseBrandPortalDatabase(connectionString);
        return new BrandPortalDbContext(builder.Options);
    }
}
