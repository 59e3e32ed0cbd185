using BrandPortal.Core.Data.Replicas;
using System.Globalization;
using BrandPortal.Core.Csv;
using BrandPortal.Core.Data;
using BrandPortal.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BrandPortal.Core.Api;

/// <summary>The query of <c>GET /api/v1/reviews/export</c>: ratings, one brand by its external id, and a date window.</summary>
public sealed record ApiReviewExportInput(IReadOnlyList<string?> Stars, string? Brand, string? From, string? To);

/// <summary>One review as the API's CSV export writes it: external ids only, as every API answer.</summary>
public sealed record ApiReviewExportRow(string Id, DateTimeOffset CreatedAt, int Rating, string Title, string Body, bool VerifiedPurchase,
    string? OrderId, string BrandId, string BrandName, string Asin, string ProductTitle);

/// <summary>
/// Every review a key may read as CSV, in the order the portal received them (the primary key's order, so a million
/// reviews come off the index without a sort). An account key reads the reviews of the brands associated with its
/// account; a platform key reads every review. One statement through one data reader (<see cref="RowStream"/>): the
/// process holds one row at a time whatever the size, and the rows reach the client as PostgreSQL sends them.
/// </summary>
public sealed class ApiReviewExport(ReadDb read, TimeProvider clock)
{
    /// <summary>Stale-tolerant: the export reads a standby when one is configured.</summary>
    private BrandPortalDbContext db => read.Context;

    public static readonly string[] Header =
        ["id", "created_at", "rating", "title", "body", "verified_purchase", "order_id", "brand_id", "brand_name", "asin", "product_title"];

    /// <summary>The rows to write, or the errors of the query (nothing read). <paramref name="accountId"/> null: a platform key.</summary>
    public async Task<(IAsyncEnumerable<ApiReviewExportRow>? Rows, IReadOnlyList<ApiInputError> Errors)> OpenAsync(long? accountId,
        ApiReviewExportInput input, CancellationToken ct = default)
    {
        var errors = new List<ApiInputError>();
        // The page's own parser words the messages; the export refuses instead of correcting, as the rest of the API.
        var stars = input.Stars.Any(s => !string.IsNullOrWhiteSpace(s)) ? input.Stars : ["1", "2", "3", "4", "5"];
        void Check(string path, ReviewFilterInput alone)
            => errors.AddRange(ReviewFilter.Parse(alone, []).Messages.Select(m => new ApiInputError(path, m)));
        Check("$.stars", new ReviewFilterInput(stars));
        Check("$.from", new ReviewFilterInput([], From: input.From));
        Check("$.to", new ReviewFilterInput([], To: input.To));
        if (errors.Count == 0) Check("$.to", new ReviewFilterInput([], From: input.From, To: input.To));

        long? brandId = null;
        if (!string.IsNullOrWhiteSpace(input.Brand) && !PlausibleId(input.Brand))
            errors.Add(new("$.brand", "There is no brand of that id."));
        else if (!string.IsNullOrWhiteSpace(input.Brand))
        {
            var brands = db.Brands.AsNoTracking().Where(b => b.ExternalId == input.Brand);
            if (accountId is { } account) brands = brands.Where(b => db.BrandSellers.Any(s => s.BrandId == b.Id && s.SellerAccountId == account));
            brandId = await brands.Select(b => (long?)b.Id).FirstOrDefaultAsync(ct);
            if (brandId is null)
                errors.Add(new("$.brand", accountId is null ? "There is no brand of that id." : "This account is associated with no brand of that id."));
        }
        if (errors.Count > 0) return (null, errors);

        var filter = ReviewFilter.Parse(new ReviewFilterInput(stars, Period: "all", From: input.From, To: input.To), []).Filter;
        var (since, until) = filter.Window(clock.GetUtcNow());
        var parameters = new List<NpgsqlParameter>();
        string Add(object value, NpgsqlDbType? type = null)
        {
            var name = $"@x{parameters.Count}";
            parameters.Add(type is { } t ? new NpgsqlParameter(name, t) { Value = value } : new NpgsqlParameter(name, value));
            return name;
        }
        var where = new List<string> { $"r.rating = ANY({Add(filter.Stars.Select(s => (short)s).ToArray())})" };
        if (brandId is { } only) where.Add($"r.brand_id = {Add(only)}");
        if (accountId is { } a) where.Add($"r.brand_id IN (SELECT s.brand_id FROM brand_sellers s WHERE s.seller_account_id = {Add(a)})");
        if (since is { } from) where.Add($"r.created_at >= {Add(from.ToUniversalTime(), NpgsqlDbType.TimestampTz)}");
        if (until is { } to) where.Add($"r.created_at < {Add(to.ToUniversalTime(), NpgsqlDbType.TimestampTz)}");
        var sql = $"""
            SELECT r.external_id, r.created_at, r.rating, r.title, r.body, r.verified_purchase, o.external_id AS order_id,
                   b.external_id AS brand_id, b.name AS brand_name, pr.asin, pr.title AS product_title
            FROM reviews r
            JOIN brands b ON b.id = r.brand_id
            JOIN products pr ON pr.id = r.product_id
            LEFT JOIN orders o ON o.id = r.order_id
            WHERE {string.Join(" AND ", where)}
            ORDER BY r.id
            """;
        return (RowStream.ReadAsync(db, sql, parameters, r => new ApiReviewExportRow(
            r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInt16(2), r.GetString(3), r.GetString(4), r.GetBoolean(5),
            r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10)), ct), []);
    }

    /// <summary>An id PostgreSQL can compare: external ids are at most 64 characters and hold no control characters (NUL is refused by the server).</summary>
    private static bool PlausibleId(string id) => id.Length <= 64 && !id.Any(char.IsControl);

    public static Task WriteCsvAsync(TextWriter writer, IAsyncEnumerable<ApiReviewExportRow> rows, CancellationToken ct = default)
        => CsvText.WriteAsync(writer, Header, rows, r => [
            r.Id, r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            r.Rating.ToString(CultureInfo.InvariantCulture), r.Title, r.Body, r.VerifiedPurchase ? "true" : "false", r.OrderId,
            r.BrandId, r.BrandName, r.Asin, r.ProductTitle], ct);
}
