using System.Collections.Concurrent;
using System.Data.Common;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Eligibility;

namespace BrandPortal.Core.Reviews;

public sealed partial class ReviewQuery
{
    /// <summary>
    /// The cards of the page whose keys <paramref name="pageKeys"/> selects, in one statement: product, order, the contact
    /// (anyone's: that it exists; the viewer's own account's: its timeline, the one timeline SQL of ContactTimeline), the
    /// eligibility facts of <see cref="EligibilityService.LoadFactsAsync"/>, when the review last changed (one probe of
    /// ix_review_versions_review_id_replaced_at per card; the versions themselves load on the Contact page), the account's
    /// done and assignee state (review_work by its primary key), and — when
    /// <paramref name="countSql"/> is given — the capped total on every row. One round trip where there were four.
    /// </summary>
    private async Task<(List<PageRow> Rows, int? Total)> LoadCardsAsync(string pageKeys, string? countSql, Scope scope, SqlBuilder sql,
        CancellationToken ct)
    {
        var (select, from) = CardsSql.GetOrAdd((sql.Add(scope.SellerAccountId), scope.Filter.Sort), static key => CardsSqlOf(key.Seller, key.Sort));
        var text = string.Concat("WITH page AS (", pageKeys, select, countSql is null ? "NULL::int" : "(", countSql, countSql is null ? null : ")", from);
        var rows = await DirectQuery.ListAsync(db, text, sql.Parameters, static r => new PageRow(r), ct);
        return (rows, rows.Count > 0 ? rows[0].Total : null);
    }

    /// <summary>
    /// The text of <see cref="LoadCardsAsync"/> around the page's keys and the count, which depends only on the parameter
    /// that holds the account and on the sort: built once per pair instead of once per request (with the timeline's SQL it
    /// is most of the statement). Parameter names are $1 … $n, so the pairs are few.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Seller, ReviewSort Sort), (string Select, string From)> CardsSql = new();

    private static (string Select, string From) CardsSqlOf(string seller, ReviewSort sort) => ($"""
        )
        SELECT r.id, r.rating, r.title, r.body, r.brand_id, pr.title AS product_title, pr.asin, r.created_at, r.verified_purchase,
               r.order_id, o.placed_at AS order_placed_at, o.seller_account_id AS order_seller_account_id,
               b.name AS brand_name, b.registered AS brand_registered,
               EXISTS (SELECT 1 FROM brand_sellers bs WHERE bs.brand_id = r.brand_id AND bs.seller_account_id = {seller}) AS seller_associated,
               ac.sent_at AS contact_sent_at_any,
               EXISTS (SELECT 1 FROM customer_brand_blocks cb WHERE cb.customer_id = r.customer_id AND cb.brand_id = r.brand_id) AS blocked,
               (SELECT max(v.replaced_at) FROM review_versions v WHERE v.review_id = r.id) AS edited_at,
               wk.done_at AS work_done_at, du.email AS work_done_by, wk.assignee_user_id AS work_assignee_user_id,
               au.email AS work_assignee, wk.assigned_at AS work_assigned_at,

        """, $"""
         AS total,
               tl.*
        FROM page k
        JOIN reviews r ON r.id = k.id
        JOIN products pr ON pr.id = r.product_id
        JOIN brands b ON b.id = r.brand_id
        LEFT JOIN orders o ON o.id = r.order_id
        LEFT JOIN contacts ac ON ac.review_id = r.id
        LEFT JOIN review_work wk ON wk.seller_account_id = {seller} AND wk.review_id = r.id
        LEFT JOIN users du ON du.id = wk.done_by_user_id
        LEFT JOIN users au ON au.id = wk.assignee_user_id
        LEFT JOIN LATERAL ({ContactTimeline.ForReviewSql("r.id", seller)}) tl ON true
        ORDER BY {Order(sort, "k", withRating: true)}
        """);

    /// <summary>The columns of the SELECT above, read by position (tl.* from <see cref="TimelineOrdinal"/> on).</summary>
    private sealed class PageRow : ContactTimelineRow
    {
        private const int TimelineOrdinal = 24;

        public PageRow(DbDataReader r) : base(r, TimelineOrdinal)
        {
            Id = r.GetInt64(0);
            Rating = r.GetInt16(1);
            Title = r.GetString(2);
            Body = r.GetString(3);
            BrandId = r.GetInt64(4);
            ProductTitle = r.GetString(5);
            Asin = r.GetString(6);
            CreatedAt = r.GetFieldValue<DateTimeOffset>(7);
            VerifiedPurchase = r.GetBoolean(8);
            OrderId = DirectQuery.Long(r, 9);
            OrderPlacedAt = DirectQuery.Time(r, 10);
            OrderSellerAccountId = DirectQuery.Long(r, 11);
            BrandName = r.GetString(12);
            BrandRegistered = r.GetBoolean(13);
            SellerAssociated = r.GetBoolean(14);
            ContactSentAtAny = DirectQuery.Time(r, 15);
            Blocked = r.GetBoolean(16);
            EditedAt = DirectQuery.Time(r, 17);
            WorkDoneAt = DirectQuery.Time(r, 18);
            WorkDoneBy = DirectQuery.Text(r, 19);
            WorkAssigneeUserId = DirectQuery.Long(r, 20);
            WorkAssignee = DirectQuery.Text(r, 21);
            WorkAssignedAt = DirectQuery.Time(r, 22);
            Total = DirectQuery.Value<int>(r, 23);
        }

        public long Id { get; init; }
        public short Rating { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public long BrandId { get; init; }
        public string ProductTitle { get; init; } = "";
        public string Asin { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public bool VerifiedPurchase { get; init; }
        public long? OrderId { get; init; }
        public DateTimeOffset? OrderPlacedAt { get; init; }
        public long? OrderSellerAccountId { get; init; }
        public string BrandName { get; init; } = "";
        public bool BrandRegistered { get; init; }
        public bool SellerAssociated { get; init; }

        /// <summary>When anyone contacted the customer about this review (contacts are unique per review); null if nobody.</summary>
        public DateTimeOffset? ContactSentAtAny { get; init; }

        public bool Blocked { get; init; }

        /// <summary>When the review last changed (its newest earlier version was replaced); null when it never did.</summary>
        public DateTimeOffset? EditedAt { get; init; }

        public int? Total { get; init; }

        public DateTimeOffset? WorkDoneAt { get; init; }
        public string? WorkDoneBy { get; init; }
        public long? WorkAssigneeUserId { get; init; }
        public string? WorkAssignee { get; init; }
        public DateTimeOffset? WorkAssignedAt { get; init; }

        /// <summary>The viewer's account's work on the review; null when it has none (open, unassigned).</summary>
        public ReviewWorkState? Work() => WorkDoneAt is null && WorkAssigneeUserId is null ? null
            : new ReviewWorkState(WorkDoneAt, WorkDoneBy, WorkAssigneeUserId, WorkAssignee, WorkAssignedAt);

        /// <summary>The sender is named only within the viewer's account: exactly the timeline's sender column.</summary>
        public ReviewFacts Facts() => new(Id, Rating, VerifiedPurchase, OrderId, OrderPlacedAt, OrderSellerAccountId, BrandId, BrandName,
            BrandRegistered, SellerAssociated, ContactSentAtAny, ContactSentBy, Blocked);
    }
}
