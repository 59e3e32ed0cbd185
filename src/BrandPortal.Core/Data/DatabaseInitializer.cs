using BrandPortal.Core.Import;
using BrandPortal.Core.Topics;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Data;

public static class DatabaseInitializer
{
    public static Task MigrateAsync(BrandPortalDbContext db, CancellationToken ct = default) => db.Database.MigrateAsync(ct);

    /// <summary>Loads the shipped demo data when the database holds no seller account yet. Returns what was loaded, or null.</summary>
    public static async Task<ImportSummary?> SeedDemoIfEmptyAsync(BrandPortalDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.SellerAccounts.AnyAsync(ct)) return null;
        return await SeedDemoAsync(db, clock, ct);
    }

    public static async Task<ImportSummary> SeedDemoAsync(BrandPortalDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var json = DemoData.ShiftedToToday(DemoData.ReadShipped(), clock.GetUtcNow());
        var result = await new ImportService(db).ImportAsync(json, ct);
        if (!result.Succeeded)
            throw new InvalidOperationException("The demo data is invalid: " + string.Join("; ", result.Errors.Take(5)));
        // A few hundred reviews: their topics are counted before the portal answers its first request.
        await TopicIndex.RefreshAsync(db, ct);
        return result.Applied!;
    }
}
