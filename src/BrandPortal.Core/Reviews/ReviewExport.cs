using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Csv;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Npgsql;
using NpgsqlTypes;

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
    /// <summary>
    /// Every review matching the filter (the page cursor ignored), in the filter's order, yielded as the caller writes
    /// them. Null when the user may not read Customer Reviews. Same brand scoping and conditions as the page, read by one
    /// statement through one data reader (<see cref="RowStream"/>): a brand with a million reviews costs one round trip
    /// and one row of memory at a time, never a list of it all.
    /// </summary>
    public IAsyncEnumerable<ReviewExportRow>? Export(UserAccess user, ReviewFilter filter)
    {
        var brands = filter.BrandId is { } b && user.Represents(b) ? [b] : user.RepresentedBrands.Select(r => r.BrandId).Distinct().ToArray();
        if (brands.Length == 0 || !user.Can(Permission.CustomerReviews, PermissionLevel.View)) return null;
        var names = user.RepresentedBrands.GroupBy(r => r.BrandId).ToDictionary(g => g.Key, g => g.First().BrandName);
        var (since, until) = filter.Window(clock.GetUtcNow());
        var (sql, parameters) = ReviewExportSql.Build(brands, filter, since, until, user.SellerAccountId ?? -1, user.UserId);
        return RowStream.ReadAsync(db, sql, parameters, r => new ReviewExportRow(
            r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), names.GetValueOrDefault(r.GetInt64(2), ""), r.GetString(3), r.GetString(4),
            r.GetInt16(5), r.GetString(6), r.GetString(7), r.GetBoolean(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
            ContactStateOf(r)));
    }

    private static string ContactStateOf(NpgsqlDataReader r)
    {
        var contacted = r.GetBoolean(10);
        var ownReason = r.IsDBNull(11) ? null : r.GetString(11);
        return ReviewCsv.ContactState(contacted, ownReason, r.GetBoolean(12));
    }
}

/// <summary>
/// The export's one statement. The conditions are the page's (window, search, contact filter) written for a single
/// scan of the matching reviews rather than the page's per-brand keyset branches, which exist to stop after 26 rows.
/// </summary>
internal static class ReviewExportSql
{
    public static (string Sql, List<NpgsqlParameter> Parameters) Build(long[] brands, ReviewFilter filter, DateTimeOffset? since,
        DateTimeOffset? until, long sellerAccountId, long viewerId)
    {
        var parameters = new List<NpgsqlParameter>();
        var (where, own) = Where(brands, filter, since, until, sellerAccountId, viewerId, parameters);
        var order = filter.Sort switch
        {
            ReviewSort.Oldest => "r.created_at, r.id",
            ReviewSort.Lowest => "r.rating, r.created_at DESC, r.id DESC",
            _ => "r.created_at DESC, r.id DESC",
        };
        var sql = $"""
            SELECT r.id, r.created_at, r.brand_id, pr.asin, pr.title AS product_title, r.rating, r.title, r.body, r.verified_purchase,
                   o.placed_at AS order_placed_at, c.id IS NOT NULL AS contacted,
                   CASE WHEN su.seller_account_id = {own} THEN c.reason END AS own_contact_reason,
                   COALESCE(su.seller_account_id = {own} AND {CustomerReply.Sql("c")}, false) AS customer_replied
            FROM reviews r
            JOIN products pr ON pr.id = r.product_id
            LEFT JOIN orders o ON o.id = r.order_id
            LEFT JOIN contacts c ON c.review_id = r.id
            LEFT JOIN users su ON su.id = c.sent_by_user_id
            WHERE {where}
            ORDER BY {order}
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// The filter's WHERE over reviews <c>r</c> (window, search, contact, done, assignee) for one scan of the matching
    /// reviews; also the condition of the bulk actions, so they change exactly what the page and the export list.
    /// Returns the parameter that holds the account id.
    /// </summary>
    public static (string Where, string Seller) Where(long[] brands, ReviewFilter filter, DateTimeOffset? since, DateTimeOffset? until,
        long sellerAccountId, long viewerId, List<NpgsqlParameter> parameters)
    {
        string Add(object value)
        {
            var name = $"@e{parameters.Count}";
            parameters.Add(value is DateTimeOffset t
                ? new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = t.ToUniversalTime() }
                : new NpgsqlParameter(name, value));
            return name;
        }
        var own = Add(sellerAccountId);
        var where = new System.Text.StringBuilder(
            $"r.brand_id = ANY({Add(brands)}) AND r.rating = ANY({Add(filter.Stars.Select(s => (short)s).ToArray())})");
        if (since is { } s) where.Append($" AND r.created_at >= {Add(s)}");
        if (until is { } u) where.Append($" AND r.created_at < {Add(u)}");
        if (filter.Search is { } q) where.Append(" AND " + ReviewQuery.SearchCondition(Add(q)));
        if (filter.Topic is { } topic) where.Append(" AND " + Topics.TopicKey.Condition(topic, Add));
        var ownContact = $"SELECT 1 FROM contacts oc JOIN users ou ON ou.id = oc.sent_by_user_id WHERE oc.review_id = r.id AND ou.seller_account_id = {own}";
        where.Append(filter.Contact switch
        {
            ContactFilter.None => " AND NOT EXISTS (SELECT 1 FROM contacts oc WHERE oc.review_id = r.id)",
            ContactFilter.Sent => $" AND EXISTS ({ownContact})",
            ContactFilter.Replied => $" AND EXISTS ({ownContact} AND {CustomerReply.Sql("oc")})",
            _ => "",
        });
        where.Append(ReviewWorkSql.Conditions(filter, viewerId, own, Add));
        return (where.ToString(), own);
    }
}
