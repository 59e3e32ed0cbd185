using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using System.Data.Common;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Contacts;

/// <summary>What happened after a contact, as a review card and the Contact page show it.</summary>
public sealed record ContactTimelineEntry(
    long ContactId,
    long ReviewId,
    ContactReason Reason,
    string SentBy,
    DateTimeOffset SentAt,
    EmailState? EmailState,
    DateTimeOffset? EmailSentAt,
    int EmailAttempts,
    string? EmailError,
    DateTimeOffset? ReadAt,
    SupportAnswer SupportAnswer,
    DateTimeOffset? AnsweredAt,
    long? ThreadId,
    RefundState? RefundState,
    decimal? RefundAmount,
    string? RefundCurrency,
    DateTimeOffset? RefundAcceptedAt,
    bool CustomerReplied)
{
    /// <summary>When the payment system acknowledged the accepted refund (its first 2xx to <c>refund.accepted</c>).</summary>
    public DateTimeOffset? RefundAcknowledgedAt { get; init; }

    /// <summary>"queued", "sent" or "failed": the words the card shows for the email.</summary>
    public string EmailStateLabel => EmailState switch
    {
        Data.Entities.EmailState.Sent => "sent",
        Data.Entities.EmailState.Failed => "failed",
        _ => "queued",
    };
}

/// <summary>
/// The one loader of contact timelines. Only contacts sent by users of the viewer's own seller account are returned:
/// who contacted, how the email went and what the customer did belong to that seller alone. The SQL is written once
/// (<see cref="ForReviewSql"/>): the Contact page runs it on its own, and the Customer Reviews page joins it into the
/// statement that reads its cards, so that a page of cards stays one statement.
/// </summary>
public sealed class ContactTimeline(BrandPortalDbContext db)
{
    public async Task<IReadOnlyDictionary<long, ContactTimelineEntry>> LoadAsync(UserAccess viewer, IReadOnlyCollection<long> reviewIds,
        CancellationToken ct = default)
    {
        if (reviewIds.Count == 0 || viewer.SellerAccountId is not { } sellerId) return new Dictionary<long, ContactTimelineEntry>();
        var sql = $"SELECT tl.* FROM unnest(@ids) AS k(review_id) CROSS JOIN LATERAL ({ForReviewSql("k.review_id", "@seller")}) tl";
        var rows = await db.Database.SqlQueryRaw<ContactTimelineRow>(sql,
            new NpgsqlParameter("ids", reviewIds.ToArray()), new NpgsqlParameter("seller", sellerId)).ToListAsync(ct);
        return rows.Select(r => r.ToEntry()).OfType<ContactTimelineEntry>().ToDictionary(e => e.ReviewId);
    }

    /// <summary>
    /// SELECT of the timeline columns of <see cref="ContactTimelineRow"/> for the contact about the review
    /// <paramref name="reviewId"/> (an SQL expression), when a user of the seller account <paramref name="sellerAccount"/>
    /// (an SQL parameter) sent it; no row otherwise. Meant for LATERAL: one index lookup per review.
    /// </summary>
    public static string ForReviewSql(string reviewId, string sellerAccount) => $"""
        SELECT c.id AS contact_id, c.review_id AS contact_review_id, c.reason AS contact_reason, su.email AS contact_sent_by,
               c.sent_at AS contact_sent_at, em.state AS email_state, em.sent_at AS email_sent_at, em.attempts AS email_attempts,
               em.last_error AS email_error, c.read_at AS contact_read_at, c.support_answer AS contact_support_answer,
               c.answered_at AS contact_answered_at, th.id AS thread_id, rf.state AS refund_state, rf.amount AS refund_amount,
               rf.currency AS refund_currency, rf.accepted_at AS refund_accepted_at, {CustomerReply.Sql("c")} AS customer_replied,
               CASE WHEN rf.state = 'Accepted' THEN {Webhooks.ContactEvents.RefundAcknowledgedSql("c")} END AS refund_acknowledged_at
        FROM contacts c
        JOIN users su ON su.id = c.sent_by_user_id
        LEFT JOIN LATERAL (SELECT e.state, e.sent_at, e.attempts, e.last_error FROM outbox_emails e
                           WHERE e.contact_id = c.id AND e.kind IN ('ContactCourtesyRefund', 'ContactCustomerSupport')
                           ORDER BY e.id LIMIT 1) em ON true
        LEFT JOIN refunds rf ON rf.contact_id = c.id
        LEFT JOIN threads th ON th.contact_id = c.id
        WHERE c.review_id = {reviewId} AND su.seller_account_id = {sellerAccount}
        """;
}

/// <summary>The columns of <see cref="ContactTimeline.ForReviewSql"/>; all nullable, as a LEFT JOIN gives them.</summary>
public class ContactTimelineRow
{
    public ContactTimelineRow()
    {
    }

    /// <summary>
    /// Read by hand from <paramref name="r"/>, whose columns from ordinal <paramref name="first"/> on are those of
    /// <see cref="ContactTimeline.ForReviewSql"/> in its order (a page of cards reads its rows without EF's materializer).
    /// </summary>
    protected ContactTimelineRow(DbDataReader r, int first)
    {
        var i = first;
        ContactId = DirectQuery.Long(r, i++);
        ContactReviewId = DirectQuery.Long(r, i++);
        ContactReason = DirectQuery.Text(r, i++);
        ContactSentBy = DirectQuery.Text(r, i++);
        ContactSentAt = DirectQuery.Time(r, i++);
        EmailState = DirectQuery.Text(r, i++);
        EmailSentAt = DirectQuery.Time(r, i++);
        EmailAttempts = DirectQuery.Value<int>(r, i++);
        EmailError = DirectQuery.Text(r, i++);
        ContactReadAt = DirectQuery.Time(r, i++);
        ContactSupportAnswer = DirectQuery.Text(r, i++);
        ContactAnsweredAt = DirectQuery.Time(r, i++);
        ThreadId = DirectQuery.Long(r, i++);
        RefundState = DirectQuery.Text(r, i++);
        RefundAmount = DirectQuery.Value<decimal>(r, i++);
        RefundCurrency = DirectQuery.Text(r, i++);
        RefundAcceptedAt = DirectQuery.Time(r, i++);
        CustomerReplied = DirectQuery.Value<bool>(r, i++);
        RefundAcknowledgedAt = DirectQuery.Time(r, i);
    }

    public long? ContactId { get; init; }
    public long? ContactReviewId { get; init; }
    public string? ContactReason { get; init; }
    public string? ContactSentBy { get; init; }
    public DateTimeOffset? ContactSentAt { get; init; }
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
    public bool? CustomerReplied { get; init; }
    public DateTimeOffset? RefundAcknowledgedAt { get; init; }

    /// <summary>The entry, or null when the row holds no contact of the viewer's account.</summary>
    public ContactTimelineEntry? ToEntry()
        => ContactId is not { } id || ContactReviewId is not { } reviewId || !Enum.TryParse<ContactReason>(ContactReason, out var reason) ? null
            : new ContactTimelineEntry(id, reviewId, reason, ContactSentBy ?? "", ContactSentAt ?? default,
                Enum.TryParse<EmailState>(EmailState, out var email) ? email : null, EmailSentAt, EmailAttempts ?? 0, EmailError,
                ContactReadAt, Enum.TryParse<SupportAnswer>(ContactSupportAnswer, out var answer) ? answer : SupportAnswer.None,
                ContactAnsweredAt, ThreadId, Enum.TryParse<RefundState>(RefundState, out var refund) ? refund : null,
                RefundAmount, RefundCurrency?.Trim(), RefundAcceptedAt, CustomerReplied ?? false) { RefundAcknowledgedAt = RefundAcknowledgedAt };
}
