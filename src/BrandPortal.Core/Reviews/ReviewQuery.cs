using BrandPortal.Core.Contacts;
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
/// the whole brand. The total counts at most <see cref="CountCap"/> + 1 rows. A search whose word is rare would make
/// those scans walk the whole brand, so a search counts its matches first and, when they are few, reads them through
/// the GIN index on to_tsvector('simple', title || ' ' || body) instead.
/// </remarks>
public sealed partial class ReviewQuery(BrandPortalDbContext db, EligibilityService eligibility, TimeProvider clock)
{
    public const int PageSize = 25;
    public const int CountCap = 1000;

    /// <summary>
    /// Up to this many matches, a search reads its page through the full-text index and sorts the matches (measured at
    /// 1M reviews, warm cache: 16 ms for the page, 11 ms for the count with 5,000 matches); beyond it matches are dense
    /// enough for the keyset scans to fill a page fast (a 0.15% word over all time: 170 ms before this split, 15 ms after).
    /// </summary>
    public const int SparseSearchLimit = 5000;

    public async Task<ReviewsPage> LoadAsync(UserAccess user, ParsedReviewFilter parsed, CancellationToken ct = default)
    {
        var filter = parsed.Filter;
        var brands = filter.BrandId is { } b && user.Represents(b) ? [b] : user.RepresentedBrands.Select(r => r.BrandId).Distinct().ToArray();
        if (brands.Length == 0 || !user.Can(Permission.CustomerReviews, PermissionLevel.View))
            return new ReviewsPage(filter, parsed.Messages, [], 0, false, null);

        var (since, until) = filter.Window(clock.GetUtcNow());
        var scope = new Scope(brands, filter, since, until, user.SellerAccountId ?? -1);

        // A search counts first: the count tells whether matches are few (then the page is read through the
        // full-text index) or plentiful (then the keyset scans find a page worth quickly).
        int? matches = filter.Search is null ? null : await CountAsync(scope, SparseSearchLimit, ct);
        var rows = matches <= SparseSearchLimit ? await LoadSparsePageAsync(scope, ct) : await LoadPageAsync(scope, ct);
        var hasNext = rows.Count > PageSize;
        if (hasNext) rows.RemoveAt(PageSize);

        // On a first page that is not full the total is known without counting.
        var total = matches ?? (filter.After is null && !hasNext ? rows.Count : await CountAsync(scope, CountCap, ct));
        var capped = total > CountCap;
        if (capped) total = CountCap;

        var critical = rows.Where(r => r.Rating is >= 1 and <= 3).Select(r => r.Id).ToList();
        var decisions = critical.Count == 0 ? new Dictionary<long, EligibilityDecision>() : await eligibility.DecideAsync(user, critical, ct);

        var names = user.RepresentedBrands.GroupBy(r => r.BrandId).ToDictionary(g => g.Key, g => g.First().BrandName);
        var cards = rows.Select(r => new ReviewCard(
            r.Id, r.Rating, r.Title, r.Body, r.BrandId, names.GetValueOrDefault(r.BrandId, ""), r.ProductTitle, r.Asin, r.CreatedAt,
            r.VerifiedPurchase, r.OrderPlacedAt,
            r.Contacted
                ? new ReviewContact(r.Id, r.ContactByYourAccount, Enum.TryParse<ContactReason>(r.ContactReason, out var reason) ? reason : null,
                    r.ContactSentBy, r.ContactSentAt, r.ContactReplied, r.ContactByYourAccount ? Timeline(r) : null)
                : null,
            decisions.GetValueOrDefault(r.Id))).ToList();

        var next = hasNext && rows.Count > 0 ? new ReviewCursor(filter.Sort, rows[^1].Rating, rows[^1].CreatedAt, rows[^1].Id) : null;
        return new ReviewsPage(filter, parsed.Messages, cards, total, capped, next);
    }

    private sealed record Scope(long[] Brands, ReviewFilter Filter, DateTimeOffset? Since, DateTimeOffset? Until, long SellerAccountId);

    private async Task<List<PageRow>> LoadPageAsync(Scope scope, CancellationToken ct)
    {
        var sql = new SqlBuilder();
        var keys = KeysetKeys(scope, sql, PageSize + 1);
        return keys is null ? [] : await LoadCardsAsync(keys, scope, sql, ct);
    }

    /// <summary>
    /// SELECT of the next <paramref name="limit"/> keys (id, rating, created_at) after the filter's cursor: one keyset scan
    /// per (brand, star rating), merged. Null when the cursor is past every review.
    /// </summary>
    private static string? KeysetKeys(Scope scope, SqlBuilder sql, int limit)
    {
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
                 ORDER BY {Order(f.Sort, "r", withRating: false)} LIMIT {limit})
                """);
        }
        if (branches.Count == 0) return null;
        return $"""
            SELECT k.id, k.rating, k.created_at FROM ({string.Join("\nUNION ALL\n", branches)}) k
            ORDER BY {Order(f.Sort, "k", withRating: true)} LIMIT {limit}
            """;
    }

    /// <summary>
    /// The page when a search matches at most <see cref="SparseSearchLimit"/> reviews (a rare search word): all matches are
    /// gathered first — through the GIN index — and sorted, instead of walking the brand's reviews hoping to meet one.
    /// </summary>
    private async Task<List<PageRow>> LoadSparsePageAsync(Scope scope, CancellationToken ct)
    {
        var sql = new SqlBuilder();
        var f = scope.Filter;
        var hits = $"""
            SELECT r.id, r.rating, r.created_at FROM reviews r
            WHERE r.brand_id = ANY({sql.Add(scope.Brands)}) AND r.rating = ANY({sql.Add(f.Stars.Select(s => (short)s).ToArray())}){CommonConditions(scope, sql)}
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
            """, scope, sql, ct);
    }

    /// <summary>The cards of the page whose keys <paramref name="pageKeys"/> selects, with product, order and contact.</summary>
    private async Task<List<PageRow>> LoadCardsAsync(string pageKeys, Scope scope, SqlBuilder sql, CancellationToken ct)
    {
        var f = scope.Filter;
        var text = $"""
            WITH page AS ({pageKeys})
            SELECT r.id, r.rating, r.title, r.body, r.brand_id, pr.title AS product_title, pr.asin, r.created_at, r.verified_purchase,
                   o.placed_at AS order_placed_at,
                   c.id IS NOT NULL AS contacted,
                   COALESCE(su.seller_account_id = {sql.Add(scope.SellerAccountId)}, false) AS contact_by_your_account,
                   CASE WHEN su.seller_account_id = {sql.Add(scope.SellerAccountId)} THEN c.reason END AS contact_reason,
                   CASE WHEN su.seller_account_id = {sql.Add(scope.SellerAccountId)} THEN su.email END AS contact_sent_by,
                   CASE WHEN su.seller_account_id = {sql.Add(scope.SellerAccountId)} THEN c.sent_at END AS contact_sent_at,
                   COALESCE(su.seller_account_id = {sql.Add(scope.SellerAccountId)} AND {CustomerReplied("c")}, false) AS contact_replied,
                   c.id AS contact_id, em.state AS email_state, em.sent_at AS email_sent_at, em.attempts AS email_attempts,
                   em.last_error AS email_error, c.read_at AS contact_read_at, c.support_answer AS contact_support_answer,
                   c.answered_at AS contact_answered_at, th.id AS thread_id, rf.state AS refund_state, rf.amount AS refund_amount,
                   rf.currency AS refund_currency, rf.accepted_at AS refund_accepted_at
            FROM page k
            JOIN reviews r ON r.id = k.id
            JOIN products pr ON pr.id = r.product_id
            LEFT JOIN orders o ON o.id = r.order_id
            LEFT JOIN contacts c ON c.review_id = r.id
            LEFT JOIN users su ON su.id = c.sent_by_user_id
            LEFT JOIN LATERAL (SELECT e.state, e.sent_at, e.attempts, e.last_error FROM outbox_emails e
                               WHERE e.contact_id = c.id AND e.kind IN ('ContactCourtesyRefund', 'ContactCustomerSupport')
                               ORDER BY e.id LIMIT 1) em ON true
            LEFT JOIN refunds rf ON rf.contact_id = c.id
            LEFT JOIN threads th ON th.contact_id = c.id
            ORDER BY {Order(f.Sort, "k", withRating: true)}
            """;
        return await db.Database.SqlQueryRaw<PageRow>(text, sql.Parameters.ToArray()).ToListAsync(ct);
    }

    /// <summary>How many reviews match, counting no further than <paramref name="limit"/> + 1.</summary>
    private async Task<int> CountAsync(Scope scope, int limit, CancellationToken ct)
    {
        var sql = new SqlBuilder();
        var common = CommonConditions(scope, sql);
        var text = $"""
            SELECT count(*)::int AS total FROM (
                SELECT 1 FROM reviews r
                WHERE r.brand_id = ANY({sql.Add(scope.Brands)}) AND r.rating = ANY({sql.Add(scope.Filter.Stars.Select(s => (short)s).ToArray())}){common}
                LIMIT {limit + 1}) capped
            """;
        return (await db.Database.SqlQueryRaw<CountRow>(text, sql.Parameters.ToArray()).ToListAsync(ct)).Single().Total;
    }

    /// <summary>Conditions shared by the page and the count, each starting with " AND".</summary>
    private static string CommonConditions(Scope scope, SqlBuilder sql)
    {
        var w = new StringBuilder();
        if (scope.Since is { } since) w.Append($" AND r.created_at >= {sql.Add(since)}");
        if (scope.Until is { } until) w.Append($" AND r.created_at < {sql.Add(until)}");
        if (scope.Filter.Search is { } q)
            w.Append(" AND " + SearchCondition(sql.Add(q)));
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

    /// <summary>Exactly the expression of the GIN index ix_reviews_search (Initial migration), or PostgreSQL cannot use it.</summary>
    public static string SearchCondition(string parameter) => $"to_tsvector('simple', r.title || ' ' || r.body) @@ plainto_tsquery('simple', {parameter})";

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
        public long? ContactId { get; init; }
        public string? EmailState { get; init; }
        public DateTimeOffset? EmailSentAt { get; init; }
        public int? EmailAttempts { get; init; }
        public string? EmailError { get; init; }
        public DateTimeOffset? ContactReadAt { get; init; }
        public string? ContactSupportAnswer { get; init; }
        public DateTimeOffset? ContactAnsweredAt { get; init; }
        public long? ThreadId { get; init; }
        public string? RefundState { get; init; }
        public decimal? RefundAmount { get; init; }
        public string? RefundCurrency { get; init; }
        public DateTimeOffset? RefundAcceptedAt { get; init; }
    }

    /// <summary>The full timeline of a contact the viewer's own account made, from the same statement as the card.</summary>
    private static ContactTimelineEntry? Timeline(PageRow r)
        => r.ContactId is not { } id || !Enum.TryParse<ContactReason>(r.ContactReason, out var reason) ? null
            : new ContactTimelineEntry(id, r.Id, reason, r.ContactSentBy ?? "", r.ContactSentAt ?? default,
                Enum.TryParse<EmailState>(r.EmailState, out var email) ? email : null, r.EmailSentAt, r.EmailAttempts ?? 0, r.EmailError,
                r.ContactReadAt, Enum.TryParse<SupportAnswer>(r.ContactSupportAnswer, out var answer) ? answer : SupportAnswer.None,
                r.ContactAnsweredAt, r.ThreadId, Enum.TryParse<RefundState>(r.RefundState, out var refund) ? refund : null,
                r.RefundAmount, r.RefundCurrency?.Trim(), r.RefundAcceptedAt);

    private sealed class CountRow
    {
        public int Total { get; init; }
    }
}
