using Microsoft.EntityFrameworkCore.Design;

namespace BrandPortal.Core.Data;

/// <summary>Lets `dotnet ef` build the model without starting the portal; the connection is never opened.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BrandPortalDbContext>
{
    public BrandPortalDbContext CreateDbContext(string[] args)
        => DbContextOptionsSetup.Create(
            Environment.GetEnvironmentVariable("ConnectionStrings__BrandPortal")
            ?? "Host=127.0.0.1;Database=brandportal_design;Username=postgres");
}
