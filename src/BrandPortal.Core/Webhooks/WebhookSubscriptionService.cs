using System.Security.Cryptography;
using System.Text.Json;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Webhooks;

/// <summary>
/// Webhook subscriptions of an account (its administrators, or its keys with webhooks:manage) or of the platform
/// (Support, or platform keys): list, create, delete, test, re-enable, and the delivery log with resend. An owner
/// never sees another owner's subscriptions: they are "not found". Every change is audited in its own transaction.
/// </summary>
public sealed class WebhookSubscriptionService(BrandPortalDbContext db, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <summary>Subscriptions one owner may have: enough for every system that listens, few enough to deliver to quickly.</summary>
    public const int MaxPerOwner = 20;
    /// <summary>Deliveries a subscription shows.</summary>
    public const int RecentDeliveries = 20;
    /// <summary>The type of the event a test send posts; no subscription hears it otherwise.</summary>
    public const string TestEventType = "webhook.test";
    private static readonly TimeSpan DnsTimeout = TimeSpan.FromSeconds(5);
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IQueryable<WebhookSubscription> Owned(WebhookOwner owner)
        => db.WebhookSubscriptions.Where(s => s.Kind == owner.Kind && s.SellerAccountId == owner.SellerAccountId);

    private static IQueryable<WebhookSubscription> Matching(IQueryable<WebhookSubscription> q, WebhookRef which)
        => which.Id is { } id ? q.Where(s => s.Id == id) : q.Where(s => s.PublicId == which.PublicId);

    /// <summary>The owner's subscriptions, newest first; null when the caller owns none (not theirs to see).</summary>
    public async Task<IReadOnlyList<WebhookSubscriptionRow>?> ListAsync(WebhookOwner? owner, CancellationToken ct = default)
        => owner is null ? null : await Rows(Owned(owner), ct);

    /// <summary>One of the owner's subscriptions; null when there is none of the owner's by that id.</summary>
    public async Task<WebhookSubscriptionRow?> GetAsync(WebhookOwner? owner, WebhookRef which, CancellationToken ct = default)
        => owner is null ? null : (await Rows(Matching(Owned(owner), which), ct)).FirstOrDefault();

    /// <summary>The owner's subscriptions, each with its recent deliveries (two queries, however many there are).</summary>
    public async Task<IReadOnlyList<WebhookOverview>?> OverviewAsync(WebhookOwner? owner, CancellationToken ct = default)
    {
        if (owner is null) return null;
        var rows = await Rows(Owned(owner), ct);
        var deliveries = await DeliveriesOf(Owned(owner), ct);
        return rows.Select(r => new WebhookOverview(r, deliveries.GetValueOrDefault(r.Id) ?? [])).ToList();
    }

    /// <summary>A subscription's recent deliveries, newest first; null when it is not the owner's.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>?> DeliveriesAsync(WebhookOwner? owner, WebhookRef which, CancellationToken ct = default)
    {
        if (owner is null) return null;
        var found = await DeliveriesOf(Matching(Owned(owner), which), ct);
        return found.Count == 0 ? null : found.Values.Single();
    }

    /// <summary>The most recent deliveries of each of these subscriptions, by subscription id (one query: a lateral join).</summary>
    private async Task<Dictionary<long, List<WebhookDeliveryRow>>> DeliveriesOf(IQueryable<WebhookSubscription> subscriptions, CancellationToken ct)
        => await subscriptions.AsNoTracking()
            .Select(s => new
            {
                s.Id,
                Deliveries = db.WebhookDeliveries.Where(d => d.SubscriptionId == s.Id).OrderByDescending(d => d.Id).Take(RecentDeliveries)
                    .Select(d => new WebhookDeliveryRow(d.Id, d.Event!.MessageId, d.Event.Type, d.State, d.Attempts, d.CreatedAt, d.NextAttemptAt,
                        d.LastAttemptAt, d.LastStatusCode, d.LastAnswer, d.DeliveredAt))
                    .ToList(),
            })
            .ToDictionaryAsync(x => x.Id, x => x.Deliveries, ct);

    public async Task<WebhookCreation> CreateAsync(WebhookOwner? owner, Actor actor, string? url, IReadOnlyList<string?>? events,
        CancellationToken ct = default)
    {
        if (owner is null) return new(Outcome.Forbidden, null, null, []);
        url = url?.Trim();
        var errors = await CheckAsync(url, events, ct);
        if (errors.Count > 0)
            return new(Outcome.Refused("The subscription was not created.",
                errors.Select(e => new OutcomeReason(e.Path.StartsWith("$.url", StringComparison.Ordinal) ? "WebhookUrl" : "WebhookEvents",
                    e.Path.StartsWith("$.url", StringComparison.Ordinal) ? "URL" : "Events", e.Message)).ToList()), null, null, errors);
        if (await Owned(owner).CountAsync(ct) >= MaxPerOwner)
            return new(Outcome.RefusedFormat($"There are already {MaxPerOwner} subscriptions, the most there may be: delete one you no longer use first."), null, null, []);

        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            PublicId = "wh_" + RandomNumberGenerator.GetString(Alphabet, 24), Kind = owner.Kind, SellerAccountId = owner.SellerAccountId,
            Url = url!, Events = events!.Select(e => e!).ToList(), Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            CreatedBy = actor.Label, CreatedAt = now,
        };
        db.WebhookSubscriptions.Add(subscription);
        db.Audit(actor, AuditActions.WebhookCreated, "WebhookSubscription", subscription.PublicId, null,
            $"{subscription.Url}: {string.Join(", ", subscription.Events)}", now, owner.SellerAccountId);
        await db.SaveChangesAsync(ct);
        return new(Outcome.DoneFormat($"The subscription {subscription.PublicId} was created. Copy its signing secret now: it is shown only this once."),
            Row(subscription), subscription.Secret, []);
    }

    /// <summary>What is wrong with a subscription's URL and events, by JSON path; empty when it may be created.</summary>
    public async Task<IReadOnlyList<WebhookInputError>> CheckAsync(string? url, IReadOnlyList<string?>? events, CancellationToken ct = default)
    {
        var errors = new List<WebhookInputError>();
        url = url?.Trim();
        if (url is not null && url.Any(char.IsControl)) errors.Add(new("$.url", "The URL must not contain control characters."));
        else if (await CheckTargetAsync(url, ct) is { } refused) errors.Add(new("$.url", refused));
        errors.AddRange(CheckEvents(events));
        return errors;
    }

    /// <summary>The SSRF check, with a bound on the DNS lookup: a name whose servers do not answer is refused, not waited for.</summary>
    private async Task<string?> CheckTargetAsync(string? url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(DnsTimeout);
        try
        {
            return await WebhookTargets.CheckUrlAsync(url, options.Value.AllowPrivateTargets, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"The URL's host could not be looked up within {DnsTimeout.TotalSeconds:0} seconds; check its name.";
        }
    }

    /// <summary>At least one event, each a known type, none twice; each bad one by its place in the list.</summary>
    public static IEnumerable<WebhookInputError> CheckEvents(IReadOnlyList<string?>? events)
    {
        var known = string.Join(", ", WebhookEventTypes.All);
        if (events is null || events.Count == 0)
        {
            yield return new("$.events", $"Choose at least one event: {known}.");
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is null || !WebhookEventTypes.All.Contains(e))
                yield return new($"$.events[{i}]", $"\"{Shorten(e)}\" is not an event type; choose from {known}.");
            else if (!seen.Add(e)) yield return new($"$.events[{i}]", $"\"{e}\" is listed twice.");
        }
    }

    public async Task<Outcome> DeleteAsync(WebhookOwner? owner, Actor actor, WebhookRef which, CancellationToken ct = default)
    {
        if (owner is null) return Outcome.Forbidden;
        var s = await Matching(Owned(owner), which).FirstOrDefaultAsync(ct);
        if (s is null) return Outcome.NotFound;
        var now = clock.GetUtcNow();
        // Its deliveries go with it (cascade): nothing more is posted to the URL, not even what was still pending.
        db.WebhookSubscriptions.Remove(s);
        db.Audit(actor, AuditActions.WebhookDeleted, "WebhookSubscription", s.PublicId, $"{s.Url}: {string.Join(", ", s.Events)}", "deleted", now, s.SellerAccountId);
        await db.SaveChangesAsync(ct);
        return Outcome.DoneFormat($"The subscription {s.PublicId} was deleted: nothing more is sent to {s.Url}.");
    }

    /// <summary>Posts a <c>webhook.test</c> event to this subscription only, through the same queue as every event.</summary>
    public async Task<WebhookQueued> SendTestAsync(WebhookOwner? owner, Actor actor, WebhookRef which, CancellationToken ct = default)
    {
        if (owner is null) return new(Outcome.Forbidden, null);
        var s = await Matching(Owned(owner), which).FirstOrDefaultAsync(ct);
        if (s is null) return new(Outcome.NotFound, null);
        if (s.DisabledAt is not null) return new(Disabled(s), null);
        var now = clock.GetUtcNow();
        var e = new WebhookEvent
        {
            MessageId = WebhookEventWriter.NewMessageId(), Type = TestEventType, SellerAccountId = s.SellerAccountId, OccurredAt = now,
            Data = JsonSerializer.Serialize(new { subscription = s.PublicId, message = "A test event from BrandPortal: your endpoint receives and verifies webhooks." }, Json),
        };
        db.WebhookEvents.Add(e);
        db.WebhookDeliveries.Add(new WebhookDelivery { Event = e, SubscriptionId = s.Id, State = WebhookDeliveryState.Pending, CreatedAt = now, NextAttemptAt = now });
        db.Audit(actor, AuditActions.WebhookTested, "WebhookSubscription", s.PublicId, null, $"test event {e.MessageId} to {s.Url}", now, s.SellerAccountId);
        await db.SaveChangesAsync(ct);
        return new(Outcome.DoneFormat($"A test event ({e.MessageId}) is on its way to {s.Url}; its delivery shows below within seconds."), e.MessageId);
    }

    /// <summary>Sends one delivery again, now, with the same <c>webhook-id</c> (receivers that saw it already can tell).</summary>
    public async Task<WebhookQueued> ResendAsync(WebhookOwner? owner, Actor actor, WebhookRef which, WebhookDeliveryRef delivery, CancellationToken ct = default)
    {
        if (owner is null) return new(Outcome.Forbidden, null);
        var s = await Matching(Owned(owner), which).AsNoTracking().Select(x => new { x.Id, x.PublicId, x.Url, x.SellerAccountId, x.DisabledAt, x.DisabledReason })
            .FirstOrDefaultAsync(ct);
        if (s is null) return new(Outcome.NotFound, null);
        var deliveries = db.WebhookDeliveries.Include(d => d.Event).Where(d => d.SubscriptionId == s.Id);
        var d = await (delivery.Id is { } id ? deliveries.Where(x => x.Id == id) : deliveries.Where(x => x.Event!.MessageId == delivery.MessageId))
            .FirstOrDefaultAsync(ct);
        if (d is null) return new(Outcome.NotFound, null);
        if (s.DisabledAt is not null) return new(Outcome.RefusedFormat($"The subscription {s.PublicId} is disabled ({s.DisabledReason ?? "no reason given"}): re-enable it, then resend."), null);
        var now = clock.GetUtcNow();
        var before = $"{d.State}, {d.Attempts} tries";
        d.State = WebhookDeliveryState.Pending;
        d.NextAttemptAt = now;
        db.Audit(actor, AuditActions.WebhookResent, "WebhookDelivery", d.Event!.MessageId, before, $"resent to {s.Url}", now, s.SellerAccountId);
        await db.SaveChangesAsync(ct);
        return new(Outcome.DoneFormat($"The event {d.Event.MessageId} ({d.Event.Type}) is sent again to {s.Url}."), d.Event.MessageId);
    }

    /// <summary>Turns a disabled subscription (its target answered 410 Gone) back on; events from now on are delivered.</summary>
    public async Task<Outcome> EnableAsync(WebhookOwner? owner, Actor actor, WebhookRef which, CancellationToken ct = default)
    {
        if (owner is null) return Outcome.Forbidden;
        var s = await Matching(Owned(owner), which).FirstOrDefaultAsync(ct);
        if (s is null) return Outcome.NotFound;
        if (s.DisabledAt is null) return Outcome.DoneFormat($"The subscription {s.PublicId} is enabled.");
        var now = clock.GetUtcNow();
        var before = $"disabled: {s.DisabledReason}";
        s.DisabledAt = null;
        s.DisabledReason = null;
        db.Audit(actor, AuditActions.WebhookEnabled, "WebhookSubscription", s.PublicId, before, "enabled", now, s.SellerAccountId);
        await db.SaveChangesAsync(ct);
        return Outcome.DoneFormat($"The subscription {s.PublicId} is enabled again: events from now on are sent to {s.Url}.");
    }

    private static Outcome Disabled(WebhookSubscription s)
        => Outcome.RefusedFormat($"The subscription {s.PublicId} is disabled ({s.DisabledReason ?? "no reason given"}): re-enable it first.");

    private static string Shorten(string? s) => s is null ? "null" : s.Length > 60 ? s[..60] + "…" : s;

    private static WebhookSubscriptionRow Row(WebhookSubscription s)
        => new(s.Id, s.PublicId, s.Url, s.Events, s.CreatedBy, s.CreatedAt, s.DisabledAt, s.DisabledReason);

    private static async Task<IReadOnlyList<WebhookSubscriptionRow>> Rows(IQueryable<WebhookSubscription> q, CancellationToken ct)
        => await q.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new WebhookSubscriptionRow(s.Id, s.PublicId, s.Url, s.Events, s.CreatedBy, s.CreatedAt, s.DisabledAt, s.DisabledReason))
            .ToListAsync(ct);
}
