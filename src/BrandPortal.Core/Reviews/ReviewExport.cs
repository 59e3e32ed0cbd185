using System.Globalization;
using System.Runtime.CompilerServices;
using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Csv;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Reviews;

/// <summary>One review as the CSV export writes it; the contact state counts only the viewer's own account's contact.</summary>
public sealed record ReviewExportRow(
    long Id, DateTimeOffset CreatedAt, string Brand, string Asin, string Product, int Rating, string Title, string Body,
    bool VerifiedPurchase, DateTimeOffset? OrderPlacedAt, string ContactState);

public static class ReviewCsv
{
    public static readonly string[] Header =
        ["review_id", "date_utc", "brand", "asin", "product", "rating", "title", "body", "verified_purchase", "order_date_utc", "contact_state"];

    public static Task WriteAsync(TextWriter writer, IAsyncEnumerable<ReviewExportRow> rows, CancellationToken ct = default)
        => CsvText.WriteAsync(writer, Header, rows, r => [
            r.Id.ToString(CultureInfo.InvariantCulture), Utc(r.CreatedAt), r.Brand, r.Asin, r.Product,
            r.Rating.ToString(CultureInfo.InvariantCulture), r.Title, r.Body, r.VerifiedPurchase ? "yes" : "no",
            r.OrderPlacedAt is { } o ? Utc(o) : "", r.ContactState], ct);

    /// <summary>
    /// "not contacted", "contacted by another account", or the own account's contact as "courtesy refund, sent" or
    /// "customer support, customer replied" (replied in the sense of <see cref="CustomerReply"/>).
    /// </summary>
    public static string ContactState(bool contacted, string? ownContactReason, bool customerReplied)
        => !contacted ? "not contacted"
            : ownContactReason is null ? "contacted by another account"
            : $"{Wording.Reason(ownContactReason).ToLowerInvariant()}, {(customerReplied ? "customer replied" : "sent")}";

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

public sealed partial class ReviewQuery
{
    /// <summary>Reviews read per statement while exporting: memory stays at one batch whatever the brand's size.</summary>
    public const int ExportBatch = 1000;

    /// <summary>
    /// Every review matching the filter (the page cursor ignored), in the filter's order, yielded as the caller writes
    /// them. Null when the user may not read Customer Reviews. Same brand scoping, conditions and keyset scans as the
    /// page (a cursor every <see cref="ExportBatch"/> reviews), so the export is exactly what the pages list and a brand
    /// with a million reviews costs a thousand index-driven statements, never a sort of the brand or a list of it all.
    /// </summary>
    public IAsyncEnumerable<ReviewExportRow>? Export(UserAccess user, ReviewFilter filter)
    {
        var brands = filter.BrandId is { } b && user.Represents(b) ? [b] : user.RepresentedBrands.Select(r => r.BrandId).Distinct().ToArray();
        if (brands.Length == 0 || !user.Can(Permission.CustomerReviews, PermissionLevel.View)) return null;
        var names = user.RepresentedBrands.GroupBy(r => r.BrandId).ToDictionary(g => g.Key, g => g.First().BrandName);
        return ExportAsync(brands, filter with { After = null }, user.SellerAccountId ?? -1, names);
    }

    private async IAsyncEnumerable<ReviewExportRow> ExportAsync(long[] brands, ReviewFilter filter, long sellerAccountId,
        Dictionary<long, string> names, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var (since, until) = filter.Window(clock.GetUtcNow());
        ReviewCursor? cursor = null;
        while (true)
        {
            var scope = new Scope(brands, filter with { After = cursor }, since, until, sellerAccountId);
            var sql = new SqlBuilder();
            var keys = KeysetKeys(scope, sql, ExportBatch);
            if (keys is null) yield break;
            var own = sql.Add(sellerAccountId);
            var text = $"""
                WITH batch AS ({keys})
                SELECT r.id, r.created_at, r.brand_id, pr.asin, pr.title AS product_title, r.rating, r.title, r.body, r.verified_purchase,
                       o.placed_at AS order_placed_at, c.id IS NOT NULL AS contacted,
                       CASE WHEN su.seller_account_id = {own} THEN c.reason END AS own_contact_reason,
                       COALESCE(su.seller_account_id = {own} AND {CustomerReply.Sql("c")}, false) AS customer_replied
                FROM batch k
                JOIN reviews r ON r.id = k.id
                JOIN products pr ON pr.id = r.product_id
                LEFT JOIN orders o ON o.id = r.order_id
                LEFT JOIN contacts c ON c.review_id = r.id
                LEFT JOIN users su ON su.id = c.sent_by_user_id
                ORDER BY {Order(filter.Sort, "k", withRating: true)}
                """;
            var rows = await db.Database.SqlQueryRaw<ExportRow>(text, sql.Parameters.ToArray()).ToListAsync(ct);
            foreach (var r in rows)
                yield return new ReviewExportRow(r.Id, r.CreatedAt, names.GetValueOrDefault(r.BrandId, ""), r.Asin, r.ProductTitle, r.Rating,
                    r.Title, r.Body, r.VerifiedPurchase, r.OrderPlacedAt, ReviewCsv.ContactState(r.Contacted, r.OwnContactReason, r.CustomerReplied));
            if (rows.Count < ExportBatch) yield break;
            var last = rows[^1];
            cursor = new ReviewCursor(filter.Sort, last.Rating, last.CreatedAt, last.Id);
        }
    }

    private sealed class ExportRow
    {
        public long Id { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public long BrandId { get; init; }
        public string Asin { get; init; } = "";
        public string ProductTitle { get; init; } = "";
        public short Rating { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public bool VerifiedPurchase { get; init; }
        public DateTimeOffset? OrderPlacedAt { get; init; }
        public bool Contacted { get; init; }
        public string? OwnContactReason { get; init; }
        public bool CustomerReplied { get; init; }
    }
}
