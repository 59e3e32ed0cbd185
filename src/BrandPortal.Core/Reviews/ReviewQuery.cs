using System.Text;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BrandPortal.Core.Reviews;

/// <summary>
/// Loads one page of Customer Reviews in at most three SQL statements: the page, the capped total, and the eligibility
/// batch. Every statement is scoped to brands the user represents; nothing else can reach the SQL.
/// </summary>
/// <remarks>
/// Built for brands with a million reviews. The page is a UNION ALL of one keyset scan per (brand, star rating) on the
/// index (brand_id, rating, created_at, id), each stopping after a page worth of rows, merged and cut to one page:
/// PostgreSQL reads about (brands × stars × 26) index entries whatever the table size, never OFFSET, never a sort of
/// the whole brand. The total counts at most <see cref="CountCap"/> + 1 rows.
/// </remarks>
public sealed class ReviewQuery(BrandPortalDbContext db, EligibilityService eligibility, TimeProvider clock)
{
    public const int PageSize = 25;
    public const int CountCap = 1000;

    public async Task<ReviewsPage> LoadAsync(UserAccess user, ParsedReviewFilter parsed, CancellationToken ct = default)
    {
        var filter = parsed.Filter;
        var brands = filter.BrandId is { } b && user.Represents(b) ? [b] : user.RepresentedBrands.Select(r => r.BrandId).Distinct().ToArray();
        if (brands.Length == 0 || !user.Can(Permission.CustomerReviews, PermissionLevel.View))
            return new ReviewsPage(filter, parsed.Messages, [], 0, false, null);

        var (since, until) = filter.Window(clock.GetUtcNow());
        var scope = new Scope(brands, filter, since, until, user.SellerAccountId ?? -1);

        var rows = await LoadPageAsync(scope, ct);
        var hasNext = rows.Count > PageSize;
        if (hasNext) rows.RemoveAt(PageSize);

        // On a first page that is not full the total is known without counting.
        var (total, capped) = filter.After is null && !hasNext ? (rows.Count, false) : await CountAsync(scope, ct);

        var critical = rows.Where(r => r.Rating is >= 1 and <= 3).Select(r => r.Id).ToList();
        var decisions = critical.Count == 0 ? new Dictionary<long, EligibilityDecision>() : await eligibility.DecideAsync(user, critical, ct);

        var names = user.RepresentedBrands.GroupBy(r => r.BrandId).ToDictionary(g => g.Key, g => g.First().BrandName);
        var cards = rows.Select(r => new ReviewCard(
            r.Id, r.Rating, r.Title, r.Body, r.BrandId, names.GetValueOrDefault(r.BrandId, ""), r.ProductTitle, r.Asin, r.CreatedAt,
            r.VerifiedPurchase, r.OrderPlacedAt,
            r.Contacted
                ? new ReviewContact(r.Id, r.ContactByYourAccount, Enum.TryParse<ContactReason>(r.ContactReason, out var reason) ? reason : null,
                    r.ContactSentBy, r.ContactSentAt, r.ContactReplied)
                : null,
            decisions.GetValueOrDefault(r.Id))).ToList();

        var next = hasNext && rows.Count > 0 ? new ReviewCursor(filter.Sort, rows[^1].Rating, rows[^1].CreatedAt, rows[^1].Id) : null;
        return new ReviewsPage(filter, parsed.Messages, cards, total, capped, next);
    }

    private sealed record Scope(long[] Brands, ReviewFilter Filter, DateTimeOffset? Since, DateTimeOffset? Until, long SellerAccountId);

    private async Task<List<PageRow>> LoadPageAsync(Scope scope, CancellationToken ct)
    {
        var sql = new SqlBuilder();
        var common = CommonConditions(scope, sql);
        var f = scope.Filter;
        var cursor = f.After;
        var branches = new List<string>();
        foreach (var brand in scope.Brands)
        foreach (var stars in f.Stars)
        {
            var keyset = Keyset(f.Sort, cursor, stars, sql);
            if (keyset is null) continue; // the cursor is already past every review of this rating
            branches.Add($"""
                (SELECT r.id, r.rating, r.created_at FROM reviews r
                 WHERE r.brand_id = {sql.Add(brand)} AND r.rating = {sql.Add((short)stars)}{common}{keyset}
                 ORDER BY {Order(f.Sort, "r", withRating: false)} LIMIT {PageSize + 1})
                """);
        }
        if (branches.Count == 0) return [];

        var text = $"""
            WITH page AS (
                SELECT k.id, k.rating, k.created_at FROM ({string.Join("\nUNION ALL\n", branches)}) k
                ORDER BY {Order(f.Sort, "k", withRating: true)} LIMIT {PageSize + 1}
            )
            SELECT r.id, r.rating, r.title, r.body, r.brand_id, pr.title AS product_title, pr.asin, r.created_at, r.verified_purchase,
                   o.placed_at AS order_placed_at,
                   c.id IS NOT NULL AS contacted,
                   COALESCE(su.seller_account_id = {sql.Add(scope.SellerAccountId)}, false) AS contact_by_your_account,
                   CASE WHEN su.seller_account_id = {sql.Add(scope.SellerAccountId)} THEN c.reason END AS contact_reason,
                   CASE WHEN su.seller_account_id = {sql.Add(scope.SellerAccountId)} THEN su.email END AS contact_sent_by,
                   CASE WHEN su.seller_account_id = {sql.Add(scope.SellerAccountId)} THEN c.sent_at END AS contact_sent_at,
                   COALESCE(su.seller_account_id = {sql.Add(scope.SellerAccountId)} AND {CustomerReplied("c")}, false) AS contact_replied
            FROM page k
            JOIN reviews r ON r.id = k.id
            JOIN products pr ON pr.id = r.product_id
            LEFT JOIN orders o ON o.id = r.order_id
            LEFT JOIN contacts c ON c.review_id = r.id
            LEFT JOIN users su ON su.id = c.sent_by_user_id
            ORDER BY {Order(f.Sort, "k", withRating: true)}
            """;
        return await db.Database.SqlQueryRaw<PageRow>(text, sql.Parameters.ToArray()).ToListAsync(ct);
    }

    private async Task<(int Total, bool Capped)> CountAsync(Scope scope, CancellationToken ct)
    {
        var sql = new SqlBuilder();
        var common = CommonConditions(scope, sql);
        var text = $"""
            SELECT count(*)::int AS total FROM (
                SELECT 1 FROM reviews r
                WHERE r.brand_id = ANY({sql.Add(scope.Brands)}) AND r.rating = ANY({sql.Add(scope.Filter.Stars.Select(s => (short)s).ToArray())}){common}
                LIMIT {CountCap + 1}) capped
            """;
        var total = (await db.Database.SqlQueryRaw<CountRow>(text, sql.Parameters.ToArray()).ToListAsync(ct)).Single().Total;
        return total > CountCap ? (CountCap, true) : (total, false);
    }

    /// <summary>Conditions shared by the page and the count, each starting with " AND".</summary>
    private static string CommonConditions(Scope scope, SqlBuilder sql)
    {
        var w = new StringBuilder();
        if (scope.Since is { } since) w.Append($" AND r.created_at >= {sql.Add(since)}");
        if (scope.Until is { } until) w.Append($" AND r.created_at < {sql.Add(until)}");
        if (scope.Filter.Search is { } q)
            // Exactly the expression of the GIN index ix_reviews_search, or PostgreSQL cannot use it.
            w.Append($" AND to_tsvector('simple', r.title || ' ' || r.body) @@ plainto_tsquery('simple', {sql.Add(q)})");
        var ownContact = $"SELECT 1 FROM contacts c JOIN users u ON u.id = c.sent_by_user_id WHERE c.review_id = r.id AND u.seller_account_id = {sql.Add(scope.SellerAccountId)}";
        w.Append(scope.Filter.Contact switch
        {
            ContactFilter.None => " AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.review_id = r.id)",
            ContactFilter.Sent => $" AND EXISTS ({ownContact})",
            ContactFilter.Replied => $" AND EXISTS ({ownContact} AND {CustomerReplied("c")})",
            _ => "",
        });
        return w.ToString();
    }

    /// <summary>The customer answered the contact: granted or declined, accepted the refund, or wrote a message.</summary>
    private static string CustomerReplied(string c) =>
        $"({c}.answered_at IS NOT NULL" +
        $" OR EXISTS (SELECT 1 FROM refunds f WHERE f.contact_id = {c}.id AND f.state = 'Accepted')" +
        $" OR EXISTS (SELECT 1 FROM threads t JOIN thread_messages m ON m.thread_id = t.id WHERE t.contact_id = {c}.id AND m.sender = 'Customer'))";

    private static string? Keyset(ReviewSort sort, ReviewCursor? cursor, int stars, SqlBuilder sql)
    {
        if (cursor is null) return "";
        var after = $"({sql.Add(cursor.CreatedAt)}, {sql.Add(cursor.Id)})";
        return sort switch
        {
            ReviewSort.Oldest => $" AND (r.created_at, r.id) > {after}",
            ReviewSort.Lowest when stars < cursor.Rating => null,
            ReviewSort.Lowest when stars > cursor.Rating => "",
            _ => $" AND (r.created_at, r.id) < {after}",
        };
    }

    private static string Order(ReviewSort sort, string t, bool withRating) => sort switch
    {
        ReviewSort.Oldest => $"{t}.created_at, {t}.id",
        ReviewSort.Lowest when withRating => $"{t}.rating, {t}.created_at DESC, {t}.id DESC",
        _ => $"{t}.created_at DESC, {t}.id DESC",
    };

    private sealed class SqlBuilder
    {
        public List<NpgsqlParameter> Parameters { get; } = [];

        public string Add(object value)
        {
            var name = $"@p{Parameters.Count}";
            Parameters.Add(value switch
            {
                DateTimeOffset t => new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = t.ToUniversalTime() },
                _ => new NpgsqlParameter(name, value),
            });
            return name;
        }
    }

    private sealed class PageRow
    {
        public long Id { get; init; }
        public short Rating { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public long BrandId { get; init; }
        public string ProductTitle { get; init; } = "";
        public string Asin { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public bool VerifiedPurchase { get; init; }
        public DateTimeOffset? OrderPlacedAt { get; init; }
        public bool Contacted { get; init; }
        public bool ContactByYourAccount { get; init; }
        public string? ContactReason { get; init; }
        public string? ContactSentBy { get; init; }
        public DateTimeOffset? ContactSentAt { get; init; }
        public bool ContactReplied { get; init; }
    }

    private sealed class CountRow
    {
        public int Total { get; init; }
    }
}
