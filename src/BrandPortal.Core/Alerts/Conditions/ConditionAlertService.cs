using System.Text.Json;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BrandPortal.Core.Alerts.Conditions;

/// <summary>
/// Condition alerts, beside the review digests. A run finds every condition met now (<see cref="ConditionFinder"/>),
/// opens an occurrence for each one that has none open, and in the same transaction queues one email to each user of
/// that seller account who chose the rule and may see the brand now (permissions read afresh), and writes the
/// account's webhook event. Occurrences no longer met are closed, so the condition arising again later is a new
/// occurrence. A transaction-scoped advisory lock lets one instance run at a time; the unique index on open
/// occurrences makes a second alert about the same occurrence impossible even so. Nothing is kept in memory: a
/// restart finds the open occurrences in the table.
/// </summary>
public sealed class ConditionAlertService(BrandPortalDbContext db, ConditionFinder finder, AccessService access, ConditionAlertEmails emails,
    OutboxSignal outbox, TimeProvider clock, ILogger<ConditionAlertService> logger)
{
    private const long LockKey = 0x636f6e64616c7274; // "condalrt"
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Returns how many new occurrences were found (0 as well when another instance is running right now).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return 0;
        var now = clock.GetUtcNow();
        var met = await finder.FindAsync(now, ct);
        var metKeys = met.Select(m => (m.Rule, m.SellerAccountId, m.Subject)).ToHashSet();
        var open = await db.ConditionAlertOccurrences.Where(o => o.ClearedAt == null).ToListAsync(ct);
        foreach (var o in open.Where(o => !metKeys.Contains((o.Rule, o.SellerAccountId, o.Subject)))) o.ClearedAt = now;
        var openKeys = open.Where(o => o.ClearedAt is null).Select(o => (o.Rule, o.SellerAccountId, o.Subject)).ToHashSet();
        var fresh = met.Where(m => !openKeys.Contains((m.Rule, m.SellerAccountId, m.Subject))).ToList();
        await db.SaveChangesAsync(ct);

        var names = await NamesAsync(fresh, ct);
        var users = new Dictionary<long, UserAccess?>();
        var queued = 0;
        foreach (var m in fresh)
        {
            var data = EventData(m, names, now);
            var occurrence = new ConditionAlertOccurrence
            {
                Rule = m.Rule, SellerAccountId = m.SellerAccountId, BrandId = m.BrandId, ProductId = m.ProductId, ThreadId = m.ThreadId,
                Subject = m.Subject, Details = JsonSerializer.Serialize(data, Json), DetectedAt = now,
            };
            db.ConditionAlertOccurrences.Add(occurrence);
            await db.SaveChangesAsync(ct); // the occurrence's id names its emails
            foreach (var user in await RecipientsAsync(m, users, ct))
            {
                db.Enqueue(EmailKind.ConditionAlert, $"condition-{occurrence.Id}-{user.UserId}", user.Email, user.Email,
                    emails.Render(m, names, now), now);
                occurrence.EmailsQueued++;
                queued++;
            }
            if (m.Rule == ConditionRule.ResponseDue)
            {
                var facts = (ResponseDueFacts)m.Facts;
                await ContactEvents.AddAsync(db, WebhookEventTypes.AlertResponseDue, m.ContactId!.Value, now, ct,
                    d => d with { ResponseNeededSince = facts.ResponseNeededSince, AnswerDueAt = facts.AnswerDueAt });
            }
            else
            {
                var type = m.Rule == ConditionRule.RatingDrop ? WebhookEventTypes.AlertRatingDrop : WebhookEventTypes.AlertTopicSpike;
                // Heard by this account only (and platform subscriptions): another account of the brand has its own occurrence.
                await WebhookEventWriter.AddAsync(db, new PendingWebhookEvent(type, m.SellerAccountId, data), ct);
            }
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (queued > 0) outbox.Notify();
        if (fresh.Count > 0) logger.LogInformation("Condition alerts: {Occurrences} new occurrences, {Emails} emails queued", fresh.Count, queued);
        return fresh.Count;
    }

    /// <summary>Users of the occurrence's account who chose its rule and, read now, may see what it concerns.</summary>
    private async Task<List<UserAccess>> RecipientsAsync(MetCondition m, Dictionary<long, UserAccess?> cache, CancellationToken ct)
    {
        var chosen = await db.ConditionAlertChoices.AsNoTracking()
            .Where(c => c.Rule == m.Rule && db.Users.Any(u => u.Id == c.UserId && u.SellerAccountId == m.SellerAccountId))
            .OrderBy(c => c.UserId).Select(c => c.UserId).ToListAsync(ct);
        var recipients = new List<UserAccess>();
        foreach (var id in chosen)
        {
            if (!cache.TryGetValue(id, out var user)) cache[id] = user = await access.LoadAsync(id, ct);
            if (user is not null && user.SellerAccountId == m.SellerAccountId && ConditionAlertSettingsService.MayReceive(user, m.Rule)
                && user.Represents(m.BrandId))
                recipients.Add(user);
        }
        return recipients;
    }

    /// <summary>External ids and names of the brands, products, accounts and conversations the new occurrences concern.</summary>
    private async Task<ConditionNames> NamesAsync(List<MetCondition> fresh, CancellationToken ct)
    {
        var brandIds = fresh.Select(m => m.BrandId).Distinct().ToArray();
        var productIds = fresh.Where(m => m.ProductId is not null).Select(m => m.ProductId!.Value).Distinct().ToArray();
        var accountIds = fresh.Select(m => m.SellerAccountId).Distinct().ToArray();
        var threadIds = fresh.Where(m => m.ThreadId is not null).Select(m => m.ThreadId!.Value).Distinct().ToArray();
        return new ConditionNames(
            await db.Brands.AsNoTracking().Where(b => brandIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => (b.ExternalId, b.Name), ct),
            await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.Asin, p.Title), ct),
            await db.SellerAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.ExternalId, ct),
            await db.Threads.AsNoTracking().Where(t => threadIds.Contains(t.Id))
                .Select(t => new { t.Id, Title = db.Contacts.Where(c => c.Id == t.ContactId).Select(c => c.Review!.Product!.Title).First() })
                .ToDictionaryAsync(t => t.Id, t => t.Title, ct));
    }

    private static object EventData(MetCondition m, ConditionNames names, DateTimeOffset now)
    {
        var brand = names.Brands[m.BrandId].ExternalId;
        var seller = names.Accounts[m.SellerAccountId];
        return m.Facts switch
        {
            RatingDropFacts f => new RatingDropEventData(brand, seller, f.RecentAverage, f.RecentReviews, f.PriorAverage, f.PriorReviews, f.Drop,
                f.RecentFrom, f.PriorFrom, now),
            TopicSpikeFacts f => new TopicSpikeEventData(brand, names.Products[m.ProductId!.Value].Asin, seller, f.Term, f.Reviews, f.Since, now),
            ResponseDueFacts f => f,
            _ => throw new InvalidOperationException($"No event data for {m.Facts.GetType().Name}."),
        };
    }
}

/// <summary>What the emails and events of one run name: brands (external id, name), products (ASIN, title), accounts, threads' products.</summary>
public sealed record ConditionNames(
    IReadOnlyDictionary<long, (string ExternalId, string Name)> Brands,
    IReadOnlyDictionary<long, (string Asin, string Title)> Products,
    IReadOnlyDictionary<long, string> Accounts,
    IReadOnlyDictionary<long, string> ThreadProducts);
