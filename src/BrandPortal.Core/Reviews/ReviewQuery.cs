using BrandPortal.Core.Data.Replicas;
using BrandPortal.Core.Contacts;
using System.Globalization;
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
/// Loads one page of Customer Reviews in one SQL statement: the page's keys, its cards with eligibility facts and the
/// viewer's contact timelines, and the capped total (skipped while <see cref="ReviewCountCache"/> holds it). A search
/// counts first, in a statement of its own. Every statement is scoped to brands the user represents.
/// </summary>
/// <remarks>
/// Built for brands with a million reviews. The page is a UNION ALL of one keyset scan per (brand, star rating) on the
/// index (brand_id, rating, created_at, id), each stopping after a page worth of rows, merged and cut to one page:
/// PostgreSQL reads about (brands × stars × 26) index entries whatever the table size, never OFFSET, never a sort of
/// the whole brand. A user of more than <see cref="PerBrandScansUpTo"/> brands walks the time index instead, so that
/// the plan does not grow with the brand count. The total counts at most <see cref="CountCap"/> + 1 rows. A search
/// whose word is rare would make those scans walk the whole brand, so a search counts its matches first and, when they
/// are few, reads them through the GIN index on to_tsvector('simple', title || ' ' || body) instead.
/// </remarks>
public sealed partial class ReviewQuery(ReadDb read, EligibilityService eligibility, TimeProvider clock, ReviewCountCache? counts = null)
{
    /// <summary>Stale-tolerant: the list, its count and the export read a standby when one is configured.</summary>
    private BrandPortalDbContext db => read.Context;

    public const int PageSize = 25;
    public const int CountCap = 1000;

    /// <summary>
    /// Up to this many matches, a search reads its page through the full-text index and sorts the matches (measured at
    /// 1M reviews, warm cache: 16 ms for the page, 11 ms for the count with 5,000 matches); beyond it matches are dense
    /// enough for the keyset scans to fill a page fast (a 0.15% word over all time: 170 ms before this split, 15 ms after).
    /// </summary>
    public const int SparseSearchLimit = 5000;

    /// <summary>
    /// Up to this many brands the page is one keyset scan per (brand, star rating) on ix_reviews_brand_rating_created_id:
    /// exact for any brand however small. Beyond it (an agency of hundreds of brands) those scans would grow with the
    /// brand count, so the page walks the time index instead and filters by brand (see <see cref="KeysetKeys"/>).
    /// </summary>
    public const int PerBrandScansUpTo = 8;

    public async Task<ReviewsPage> LoadAsync(UserAccess user, ParsedReviewFilter parsed, CancellationToken ct = default)
    {
        var filter = parsed.Filter;
        var brands = filter.BrandId is { } b && user.Represents(b) ? [b] : user.RepresentedBrands.Select(r => r.BrandId).Distinct().ToArray();
        if (brands.Length == 0 || !user.Can(Permission.CustomerReviews, PermissionLevel.View))
            return new ReviewsPage(filter, parsed.Messages, [], 0, false, null);

        var now = clock.GetUtcNow();
        var (since, until) = filter.Window(now);
        var scope = new Scope(brands, filter, since, until, user.SellerAccountId ?? -1, user.UserId);

        // A search counts first: the count tells whether matches are few (then the page is read through the
        // full-text index) or plentiful (then the keyset scans find a page worth quickly).
        int? matches = filter.Search is null && filter.Topic is null ? null : await CountAsync(scope, SparseSearchLimit, ct);
        // Otherwise the capped total rides in the page's own statement, unless a recent page of the same filter counted it.
        var countKey = ReviewCountCache.Key(user, brands, filter);
        int? known = matches is null ? counts?.Get(countKey, now) : null;
        var (rows, counted) = matches <= SparseSearchLimit ? await LoadSparsePageAsync(scope, ct) : await LoadPageAsync(scope, withCount: matches is null && known is null, ct);
        var hasNext = rows.Count > PageSize;
        if (hasNext) rows.RemoveAt(PageSize);

        // On a first page that is not full the total is the rows; a cursor past every review returns no row to carry
        // the counted total: only then is the count a statement of its own.
        var total = matches ?? (filter.After is null && !hasNext ? rows.Count : known ?? counted ?? await CountAsync(scope, CountCap, ct));
        if (matches is null && known is null && counted is { } fresh) counts?.Set(countKey, fresh, now);
        var capped = total > CountCap;
        if (capped) total = CountCap;

        // The names of the page's brands only (at most 25), not a map of every brand an agency represents.
        var names = new Dictionary<long, string>();
        foreach (var r in rows) names.TryAdd(r.BrandId, "");
        foreach (var g in user.RepresentedBrands)
            if (names.TryGetValue(g.BrandId, out var name) && name.Length == 0) names[g.BrandId] = g.BrandName;
        var cards = rows.Select(r => new ReviewCard(
            r.Id, r.Rating, r.Title, r.Body, r.BrandId, names.GetValueOrDefault(r.BrandId, ""), r.ProductTitle, r.Asin, r.CreatedAt,
            r.VerifiedPurchase, r.OrderPlacedAt, r.ContactSentAtAny is not null ? Contact(r.Id, r.ToEntry()) : null,
            r.Rating is >= 1 and <= 3 ? eligibility.Decide(EligibilityService.FactsOf(user, r.Facts())) : null, r.EditedAt,
            r.Work())).ToList();

        var next = hasNext && rows.Count > 0 ? new ReviewCursor(filter.Sort, rows[^1].Rating, rows[^1].CreatedAt, rows[^1].Id) : null;
        return new ReviewsPage(filter, parsed.Messages, cards, total, capped, next);
    }

    private sealed record Scope(long[] Brands, ReviewFilter Filter, DateTimeOffset? Since, DateTimeOffset? Until, long SellerAccountId, long ViewerId);

    private async Task<(List<PageRow> Rows, int? Total)> LoadPageAsync(Scope scope, bool withCount, CancellationToken ct)
    {
        var sql = new SqlBuilder();
        var keys = KeysetKeys(scope, sql, PageSize + 1);
        if (keys is null) return ([], null);
        return await LoadCardsAsync(keys, withCount ? CountSql(scope, sql, CountCap) : null, scope, sql, ct);
    }

    /// <summary>
    /// SELECT of the next <paramref name="limit"/> keys (id, rating, created_at) after the filter's cursor: one keyset scan
    /// per (brand, star rating), merged. Null when the cursor is past every review.
    /// </summary>
    private static string? KeysetKeys(Scope scope, SqlBuilder sql, int limit)
    {
        if (ReviewWorkSql.DrivesFromWork(scope.Filter)) return WorkKeys(scope, sql, limit);
        var common = CommonConditions(scope, sql);
        var f = scope.Filter;
        var cursor = f.After;
        // One builder for the whole union: the branches repeat the same conditions, and a string per branch, their join
        // and the statement around it were three copies of the text per request.
        var union = new StringBuilder("SELECT k.id, k.rating, k.created_at FROM (", 4096);
        var branches = 0;
        var order = Order(f.Sort, "r", withRating: false);
        if (scope.Brands.Length > PerBrandScansUpTo)
        {
            // Many brands (an agency): one scan of the time index ix_reviews_created_id (brand and rating are in it) per
            // star rating for sort=lowest, a single one otherwise; the brands are a filter, so the plan and the index
            // entries read depend on how dense the user's reviews are, not on how many brands they represent.
            var brandSet = BrandSet(scope, sql);
            var ratings = f.Sort == ReviewSort.Lowest ? f.Stars.Select(s => new[] { s }).ToList() : [f.Stars.ToArray()];
            foreach (var group in ratings)
            {
                var keyset = Keyset(f.Sort, cursor, group[0], sql);
                if (keyset is null) continue;
                var rating = group.Length == 1 ? $"= {sql.Add((short)group[0])}" : $"= ANY({sql.Add(group.Select(s => (short)s).ToArray())})";
                if (branches++ > 0) union.Append("\nUNION ALL\n");
                union.Append($"""
                    (SELECT r.id, r.rating, r.created_at FROM reviews r
                     WHERE r.brand_id = ANY({brandSet}) AND r.rating {rating}{common}{keyset}
                     ORDER BY {order} LIMIT {limit})
                    """);
            }
        }
        else
        foreach (var brand in scope.Brands)
        foreach (var stars in f.Stars)
        {
            var keyset = Keyset(f.Sort, cursor, stars, sql);
            if (keyset is null) continue; // the cursor is already past every review of this rating
            if (branches++ > 0) union.Append("\nUNION ALL\n");
            union.Append($"""
                (SELECT r.id, r.rating, r.created_at FROM reviews r
                 WHERE r.brand_id = {sql.Add(brand)} AND r.rating = {sql.Add((short)stars)}{common}{keyset}
                 ORDER BY {order} LIMIT {limit})
                """);
        }
        if (branches == 0) return null;
        return union.Append($"""
            ) k
            ORDER BY {Order(f.Sort, "k", withRating: true)} LIMIT {limit}
            """).ToString();
    }

    /// <summary>
    /// The page when a search matches at most <see cref="SparseSearchLimit"/> reviews (a rare search word): all matches are
    /// gathered first — through the GIN index — and sorted, instead of walking the brand's reviews hoping to meet one.
    /// </summary>
    private async Task<(List<PageRow> Rows, int? Total)> LoadSparsePageAsync(Scope scope, CancellationToken ct)
    {
        var sql = new SqlBuilder();
        var f = scope.Filter;
        var hits = $"""
            SELECT r.id, r.rating, r.created_at FROM reviews r
            WHERE r.brand_id = ANY({BrandSet(scope, sql)}) AND r.rating = ANY({sql.Add(f.Stars.Select(s => (short)s).ToArray())}){CommonConditions(scope, sql)}
            """;
        var keyset = "";
        if (f.After is { } c)
        {
            var after = $"({sql.Add(c.CreatedAt)}, {sql.Add(c.Id)})";
            keyset = f.Sort switch
            {
                ReviewSort.Oldest => $"WHERE (h.created_at, h.id) > {after}",
                ReviewSort.Lowest => $"WHERE (h.rating > {sql.Add((short)c.Rating)} OR (h.rating = {sql.Add((short)c.Rating)} AND (h.created_at, h.id) < {after}))",
                _ => $"WHERE (h.created_at, h.id) < {after}",
            };
        }
        return await LoadCardsAsync($"""
            WITH hits AS MATERIALIZED ({hits})
            SELECT h.id, h.rating, h.created_at FROM hits h {keyset}
            ORDER BY {Order(f.Sort, "h", withRating: true)} LIMIT {PageSize + 1}
            """, null, scope, sql, ct);
    }

    /// <summary>How many reviews match, counting no further than <paramref name="limit"/> + 1.</summary>
    private async Task<int> CountAsync(Scope scope, int limit, CancellationToken ct)
    {
        var sql = new SqlBuilder();
        var text = $"SELECT ({CountSql(scope, sql, limit)}) AS total";
        return (await DirectQuery.ListAsync(db, text, sql.Parameters, static r => r.GetInt32(0), ct)).Single();
    }

    /// <summary>The scalar subquery of the capped count: at most <paramref name="limit"/> + 1 index entries read.</summary>
    private static string CountSql(Scope scope, SqlBuilder sql, int limit)
    {
        var workJoined = ReviewWorkSql.DrivesFromWork(scope.Filter);
        var common = CommonConditions(scope, sql, workJoined);
        var (from, work) = ("reviews r", "");
        if (workJoined)
        {
            (from, var where) = ReviewWorkSql.WorkSource(scope.Filter, scope.ViewerId, sql.Add(scope.SellerAccountId), sql.Add, BrandSet(scope, sql),
                scope.Since, scope.Until);
            work = where + " AND ";
        }
        return $"""
            SELECT count(*)::int FROM (
                SELECT 1 FROM {from}
                WHERE {work}{(workJoined ? "" : $"r.brand_id = ANY({BrandSet(scope, sql)}) AND ")}r.rating = ANY({sql.Add(scope.Filter.Stars.Select(s => (short)s).ToArray())}){common}
                LIMIT {limit + 1}) capped
            """;
    }

    /// <summary>
    /// The user's brands as an SQL array. Beyond <see cref="PerBrandScansUpTo"/> brands they are written into the statement
    /// (numbers only, nothing a user typed): Npgsql prepares statements, and after five runs PostgreSQL may switch to a
    /// generic plan that cannot see how many brands a parameter holds — measured for the 500-brand agency, that plan read
    /// all 44,000 of its reviews in the last 12 months and sorted them (26 ms) instead of walking the time index (0.1 ms).
    /// The literal makes every run plan for its own brands, at about half a millisecond of planning.
    /// </summary>
    private static string BrandSet(Scope scope, SqlBuilder sql)
        => scope.Brands.Length > PerBrandScansUpTo
            ? $"ARRAY[{string.Join(',', scope.Brands.Select(b => b.ToString(CultureInfo.InvariantCulture)))}]::bigint[]"
            : sql.Add(scope.Brands);

    /// <summary>Conditions shared by the page and the count, each starting with " AND"; <paramref name="workJoined"/>: the statement reads review_work wq (ReviewWorkSql.WorkSource).</summary>
    private static string CommonConditions(Scope scope, SqlBuilder sql, bool workJoined = false)
    {
        var w = new StringBuilder();
        // Read from review_work, the window is on its copy of created_at (ReviewWorkSql.WorkSource).
        if (!workJoined && scope.Since is { } since) w.Append($" AND r.created_at >= {sql.Add(since)}");
        if (!workJoined && scope.Until is { } until) w.Append($" AND r.created_at < {sql.Add(until)}");
        if (scope.Filter.Search is { } q)
            w.Append(" AND " + SearchCondition(sql.Add(q)));
        if (scope.Filter.Topic is { } topic)
            w.Append(" AND " + Topics.TopicKey.Condition(topic, sql.Add));
        var ownContact = $"SELECT 1 FROM contacts c JOIN users u ON u.id = c.sent_by_user_id WHERE c.review_id = r.id AND u.seller_account_id = {sql.Add(scope.SellerAccountId)}";
        w.Append(scope.Filter.Contact switch
        {
            ContactFilter.None => " AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.review_id = r.id)",
            ContactFilter.Sent => $" AND EXISTS ({ownContact})",
            ContactFilter.Replied => $" AND EXISTS ({ownContact} AND {CustomerReply.Sql("c")})",
            _ => "",
        });
        w.Append(ReviewWorkSql.Conditions(scope.Filter, scope.ViewerId, sql.Add(scope.SellerAccountId), sql.Add, workJoined));
        return w.ToString();
    }

    /// <summary>Exactly the expression of the GIN index ix_reviews_search (Initial migration), or PostgreSQL cannot use it.</summary>
    public static string SearchCondition(string parameter) => $"to_tsvector('simple', r.title || ' ' || r.body) @@ plainto_tsquery('simple', {parameter})";

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

    /// <summary>
    /// The contact of a card as the viewer may know it: the details and timeline when their own account made it, of
    /// another account's contact only that it exists.
    /// </summary>
    private static ReviewContact Contact(long reviewId, ContactTimelineEntry? own) => own is null
        ? new ReviewContact(reviewId, false, null, null, null, false)
        : new ReviewContact(reviewId, true, own.Reason, own.SentBy, own.SentAt, own.CustomerReplied, own);
}
