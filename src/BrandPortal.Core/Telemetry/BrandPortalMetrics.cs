using System.Diagnostics.Metrics;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Telemetry;

/// <summary>
/// BrandPortal's own measurements, on the meter <see cref="MeterName"/> (README, "Metrics and traces"). The meter comes
/// from the host's <see cref="IMeterFactory"/> rather than a static field: several hosts can live in one process (the
/// tests run dozens, the CLI and the portal share this layer), and a meter per container keeps each host's counters and
/// queue gauges (which read that host's database) apart, and ends with the container.
/// Tags carry only a small fixed set of words (an email kind, an event type, a contact reason): never an address, a
/// name, a text or an account's id, so a scrape shows an operator nothing about a customer or another seller.
/// </summary>
public sealed class BrandPortalMetrics
{
    public const string MeterName = "BrandPortal";

    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailsRetried;
    private readonly Counter<long> _emailsFailed;
    private readonly Counter<long> _webhooksDelivered;
    private readonly Counter<long> _webhooksRetried;
    private readonly Counter<long> _webhooksFailed;
    private readonly Counter<long> _contacts;
    private readonly Counter<long> _refundsAccepted;
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _digests;

    public BrandPortalMetrics(IMeterFactory meters, QueueDepths queues)
    {
        var meter = meters.Create(MeterName);
        _emailsSent = meter.CreateCounter<long>("brandportal.emails.sent", "{email}", "Emails the SMTP server accepted, by kind");
        _emailsRetried = meter.CreateCounter<long>("brandportal.emails.retried", "{email}", "Email attempts that failed for now and were put back for a retry, by kind");
        _emailsFailed = meter.CreateCounter<long>("brandportal.emails.failed", "{email}", "Emails given up on (a 5xx answer, or too many attempts), by kind");
        _webhooksDelivered = meter.CreateCounter<long>("brandportal.webhooks.delivered", "{delivery}", "Webhook posts answered with 2xx, by event type");
        _webhooksRetried = meter.CreateCounter<long>("brandportal.webhooks.retried", "{delivery}", "Webhook attempts that failed and will be tried again, by event type");
        _webhooksFailed = meter.CreateCounter<long>("brandportal.webhooks.failed", "{delivery}", "Webhook deliveries given up on (410 Gone, disabled subscription, out of time), by event type");
        _contacts = meter.CreateCounter<long>("brandportal.contacts.sent", "{contact}", "Customers contacted about a review, by reason");
        _refundsAccepted = meter.CreateCounter<long>("brandportal.refunds.accepted", "{refund}", "Courtesy refunds the customer accepted");
        _signInFailures = meter.CreateCounter<long>("brandportal.signins.failed", "{attempt}", "Refused sign-ins (wrong email or password, or a locked account)");
        _digests = meter.CreateCounter<long>("brandportal.alerts.digests", "{digest}", "Review alert digests queued, by the subscriber's frequency");

        // The queue gauges read the database, at most once per QueueDepths.MaxAge however often they are scraped.
        meter.CreateObservableGauge("brandportal.outbox.queued", () => queues.Read().Emails.Measure(q => q.Count), "{email}",
            "Emails waiting to be sent (queued, including those being sent and those waiting for a retry)");
        meter.CreateObservableGauge("brandportal.outbox.oldest_age", () => queues.Read().Emails.Measure(q => q.OldestAge.TotalSeconds), "s",
            "Age of the oldest email still waiting (0 when none waits)");
        meter.CreateObservableGauge("brandportal.webhooks.pending", () => queues.Read().Webhooks.Measure(q => q.Count), "{delivery}",
            "Webhook deliveries waiting (pending, including those being posted and those waiting for a retry)");
        meter.CreateObservableGauge("brandportal.webhooks.oldest_age", () => queues.Read().Webhooks.Measure(q => q.OldestAge.TotalSeconds), "s",
            "Age of the oldest webhook delivery still waiting (0 when none waits)");
    }

    public void EmailSent(EmailKind kind) => _emailsSent.Add(1, Kind(kind));

    public void EmailRetried(EmailKind kind) => _emailsRetried.Add(1, Kind(kind));

    public void EmailFailed(EmailKind kind) => _emailsFailed.Add(1, Kind(kind));

    /// <summary>One webhook attempt's outcome; <paramref name="type"/> is the event type (<c>contact.sent</c>…), a fixed set.</summary>
    public void WebhookAttempted(string type, WebhookOutcome outcome)
        => (outcome switch { WebhookOutcome.Delivered => _webhooksDelivered, WebhookOutcome.Retried => _webhooksRetried, _ => _webhooksFailed })
            .Add(1, new KeyValuePair<string, object?>("type", type));

    public void ContactSent(ContactReason reason) => _contacts.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void RefundAccepted() => _refundsAccepted.Add(1);

    /// <summary>A refused sign-in; whether the account was locked is the only detail (never the email tried).</summary>
    public void SignInFailed(bool lockedOut) => _signInFailures.Add(1, new KeyValuePair<string, object?>("outcome", lockedOut ? "locked_out" : "refused"));

    public void DigestQueued(AlertFrequency frequency) => _digests.Add(1, new KeyValuePair<string, object?>("frequency", frequency.ToString()));

    private static KeyValuePair<string, object?> Kind(EmailKind kind) => new("kind", kind.ToString());
}

public enum WebhookOutcome { Delivered, Retried, Failed }
