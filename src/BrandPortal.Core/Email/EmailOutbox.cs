using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Email;

/// <summary>
/// Queues an email in the caller's unit of work: it is written by the same SaveChanges (and transaction) as the
/// action that causes it, and delivered later by the outbox dispatcher. Never sent directly from a request.
/// </summary>
public static class EmailOutbox
{
    /// <param name="messageKey">Identifies this email for good (e.g. "contact-42"): it becomes the stable Message-Id, so
    /// a retry is recognisable and a second queueing of the same email is refused by the unique index.</param>
    public static OutboxEmail Enqueue(this BrandPortalDbContext db, EmailKind kind, string messageKey, string toAddress, string toName,
        RenderedEmail email, DateTimeOffset now, long? contactId = null)
    {
        var row = new OutboxEmail
        {
            Kind = kind,
            ContactId = contactId,
            MessageId = $"{messageKey}@brandportal",
            ToAddress = toAddress,
            ToName = EmailTemplates.SingleLine(toName),
            Subject = email.Subject,
            TextBody = email.Text,
            HtmlBody = email.Html,
            State = EmailState.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxEmails.Add(row);
        return row;
    }
}
