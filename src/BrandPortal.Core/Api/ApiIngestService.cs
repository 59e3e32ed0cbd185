using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data;
using BrandPortal.Core.Import;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Api;

/// <summary>The answer to one record: the import's errors by JSON path, or whether it was new and the record as stored.</summary>
public sealed record IngestRecordResult(IReadOnlyList<ImportError> Errors, bool Created, object? Stored);

/// <summary>The answer to a whole file: scopes the key lacks for its sections, the import's errors, or the counts applied.</summary>
public sealed record IngestFileResult(IReadOnlyList<string> MissingScopes, IReadOnlyList<ImportError> Errors, ApiImportCounts? Applied);

/// <summary>
/// The platform's ingest (<c>PUT /api/v1/{section}/{id}</c>, <c>POST /api/v1/import</c>): the body is read by
/// <see cref="ImportReader"/> and applied by <see cref="ImportService"/>, so the API checks and stores exactly what
/// the CLI's import does, all or nothing. Users are not ingested: they are made in the portal or with the CLI.
/// </summary>
public sealed class ApiIngestService(BrandPortalDbContext db, ImportService import)
{
    /// <summary>The scope a platform key needs to send a section; null for users, which the API does not take.</summary>
    public static string? ScopeFor(ImportSection section) => section switch
    {
        ImportSection.Sellers or ImportSection.Brands or ImportSection.Customers or ImportSection.Products => ApiScopes.CatalogWrite,
        ImportSection.Orders => ApiScopes.OrdersWrite,
        ImportSection.Reviews => ApiScopes.ReviewsWrite,
        _ => null,
    };

    public async Task<IngestRecordResult> PutAsync(ImportSection section, string id, ReadOnlyMemory<byte> body, CancellationToken ct = default)
    {
        var (doc, malformed) = ImportReader.Parse(body);
        if (doc is null) return new([malformed!], false, null);
        ImportFile? file;
        IReadOnlyList<ImportError> errors;
        using (doc) (file, errors) = ImportReader.ReadRecord(section, id, doc.RootElement);
        if (file is null) return new(errors, false, null);

        var existed = await StoredRecords.GetAsync(db, section, id, ct) is not null;
        var result = await ImportRetryingAsync(file, ct);
        if (!result.Succeeded) return new(result.Errors, false, null);
        return new([], !existed, await StoredRecords.GetAsync(db, section, id, ct));
    }

    /// <param name="scopes">The key's scopes: a file with a section the key may not send is refused before it is read further.</param>
    public async Task<IngestFileResult> ImportAsync(ReadOnlyMemory<byte> body, IReadOnlyCollection<string> scopes, CancellationToken ct = default)
    {
        var (doc, malformed) = ImportReader.Parse(body);
        if (doc is null) return new([], [malformed!], null);
        ImportFile? file;
        IReadOnlyList<ImportError> errors;
        using (doc)
        {
            var root = doc.RootElement;
            var present = root.ValueKind != System.Text.Json.JsonValueKind.Object ? []
                : root.EnumerateObject().Where(p => p.Value.ValueKind != System.Text.Json.JsonValueKind.Null)
                    .Select(p => Enum.TryParse<ImportSection>(p.Name, ignoreCase: true, out var s) && ImportReader.KnownSections.Contains(p.Name) ? s : (ImportSection?)null)
                    .OfType<ImportSection>().ToList();
            var missing = present.Select(ScopeFor).OfType<string>().Distinct().Where(s => !scopes.Contains(s)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0) return new(missing, [], null);
            if (present.Contains(ImportSection.Users))
                return new([], [new ImportError("$.users", "users are not ingested by the API; they are made in the portal or with the command line")], null);
            (file, errors) = ImportReader.Read(root);
        }
        if (file is null) return new([], errors, null);
        var result = await ImportRetryingAsync(file, ct);
        return result.Applied is { } a
            ? new([], [], new ApiImportCounts(a.Sellers, a.Brands, a.Customers, a.Products, a.Orders, a.Reviews))
            : new([], result.Errors, null);
    }

    /// <summary>
    /// Two requests that add the same new record at once: the second's insert meets the first's row. It runs once more,
    /// from the checks, and finds that row to update instead of failing.
    /// </summary>
    private async Task<ImportResult> ImportRetryingAsync(ImportFile file, CancellationToken ct)
    {
        try
        {
            return await import.ImportAsync(file, ct);
        }
        // Through the context (an update's INSERT) or directly (the COPY of new orders and reviews).
        catch (Exception ex) when ((ex as PostgresException ?? ex.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return await import.ImportAsync(file, ct);
        }
    }
}
