using BrandPortal.Core.Data;

namespace BrandPortal.Core.Import;

/// <summary>
/// Loads or updates data by external id (docs/PRODUCT.md#import-format): the whole file is validated first, against itself and against what the
/// database already holds, and then applied in one transaction, so a bad file changes nothing. Importing the same
/// file twice changes nothing the second time.
/// </summary>
/// <remarks>
/// A caller with one record of one section (the API's ingest) builds an <see cref="ImportFile"/> holding just that
/// record (<c>ImportFile.Empty with { Reviews = [review] }</c>) and passes it to <see cref="ImportAsync(ImportFile, CancellationToken)"/>:
/// the same checks and the same section appliers run, whatever the size of the file.
/// </remarks>
public sealed class ImportService(BrandPortalDbContext db)
{
    public async Task<ImportResult> ImportAsync(string json, CancellationToken ct = default)
    {
        var (file, errors) = ImportReader.Read(json);
        return file is null ? new ImportResult(errors, null) : await ImportAsync(file, ct);
    }

    public async Task<ImportResult> ImportAsync(ImportFile file, CancellationToken ct = default)
    {
        var referenceErrors = await ImportReferences.CheckAsync(db, file, ct);
        if (referenceErrors.Count > 0) return new ImportResult(referenceErrors, null);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ApplyAsync(file, ct);
        // The reviews' triggers marked the (product, month) groups this file changed in topic_stale, in this
        // transaction; their topic statistics are recounted after the commit, by the portal's background refresh or
        // by the caller (TopicIndex), not here: a recount holds one lock for seconds at 1M reviews.
        await tx.CommitAsync(ct);
        return new ImportResult([], new ImportSummary(file.Sellers.Count, file.Brands.Count, file.Users.Count,
            file.Customers.Count, file.Products.Count, file.Orders.Count, file.Reviews.Count));
    }

    /// <summary>The sections in the order their references need: a record only points at sections applied before it.</summary>
    private async Task ApplyAsync(ImportFile file, CancellationToken ct)
    {
        var sections = new ImportSections(db, file);
        await sections.SellersAsync(ct);
        await sections.BrandsAsync(ct);
        await sections.UsersAsync(ct);
        await sections.CustomersAsync(ct);
        await sections.ProductsAsync(ct);
        await sections.OrdersAsync(ct);
        await sections.ReviewsAsync(ct);
    }
}
