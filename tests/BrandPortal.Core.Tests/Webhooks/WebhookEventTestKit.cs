using System.Text.Json;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Tests.Webhooks;

/// <summary>One stored event, its data parsed, and the subscriptions it was queued for.</summary>
public sealed record StoredEvent(string Type, long? SellerAccountId, long? ContactId, JsonElement Data, IReadOnlyList<long> Subscriptions)
{
    public string Text(string property) => Data.GetProperty(property).GetString()!;
}

public static class WebhookEventTestKit
{
    public static async Task<List<StoredEvent>> EventsAsync(BrandPortalDbContext db, string type)
    {
        var rows = await db.WebhookEvents.AsNoTracking().Where(e => e.Type == type).OrderBy(e => e.Id)
            .Select(e => new
            {
                e.Type, e.SellerAccountId, e.ContactId, e.Data,
                Subscriptions = db.WebhookDeliveries.Where(d => d.EventId == e.Id).OrderBy(d => d.SubscriptionId).Select(d => d.SubscriptionId).ToList(),
            })
            .ToListAsync();
        return rows.Select(r => new StoredEvent(r.Type, r.SellerAccountId, r.ContactId, JsonDocument.Parse(r.Data).RootElement.Clone(), r.Subscriptions))
            .ToList();
    }

    /// <summary>A live subscription straight into the table (the subscriptions API is not what these tests are about).</summary>
    public static async Task<long> SubscribeAsync(BrandPortalDbContext db, long? sellerAccountId, string url, string secret, params string[] events)
    {
        var s = new WebhookSubscription
        {
            PublicId = "wh_" + Guid.NewGuid().ToString("N")[..20], Kind = sellerAccountId is null ? ApiKeyKind.Platform : ApiKeyKind.Account,
            SellerAccountId = sellerAccountId, Url = url, Events = [.. events], Secret = secret, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        };
        db.WebhookSubscriptions.Add(s);
        await db.SaveChangesAsync();
        return s.Id;
    }

    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
}
