using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Import;
using BrandPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Web.Tests.Webhooks;

/// <summary>
/// The portal over the demo data, its webhook dispatcher polling every 100 ms with retries shortened to 200 ms, and
/// one real receiver on loopback that every test of the class shares (each test subscribes its own path).
/// </summary>
public class WebhookPortal : DemoPortal
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetryDelays:0"] = "00:00:00.200",
        ["Webhooks:OverdueCheckInterval"] = "00:00:00.300",
    };

    public WebhookReceiver Receiver { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Receiver.StartAsync();
        _ = Factory.Services; // starts the host, and with it the dispatcher
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>A platform subscription (or an account's) to the receiver's <paramref name="path"/>.</summary>
    public async Task<long> SubscribeAsync(string path, string[] events, string? sellerExternalId = null)
    {
        await using var db = CreateContext();
        var account = sellerExternalId is null ? (long?)null
            : await db.SellerAccounts.Where(s => s.ExternalId == sellerExternalId).Select(s => s.Id).SingleAsync();
        var subscription = new WebhookSubscription
        {
            PublicId = "wh_" + Guid.NewGuid().ToString("N")[..20], Kind = account is null ? ApiKeyKind.Platform : ApiKeyKind.Account,
            SellerAccountId = account, Url = Receiver.Url(path), Events = [.. events], Secret = WebhookReceiver.Secret, CreatedBy = "test",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }

    /// <summary>Imports new critical reviews of Jane's (C1) Acme kettle, as the CLI and the API do: one review.critical_created each.</summary>
    public async Task ImportCriticalReviewsAsync(string prefix, int count)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var reviews = Enumerable.Range(1, count)
            .Select(i => new ReviewRecord($"$.reviews[{i}]", $"{prefix}{i:D4}", "B000ACME01", "C1", null, 1 + i % 3, "Broke", "It broke.", at, false))
            .ToList();
        var result = await scope.ServiceProvider.GetRequiredService<ImportService>().ImportAsync(ImportFile.Empty with { Reviews = reviews });
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    public async Task<WebhookSubscription> SubscriptionAsync(long id)
    {
        await using var db = CreateContext();
        return await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    public async Task<List<WebhookDelivery>> DeliveriesAsync(long subscriptionId)
    {
        await using var db = CreateContext();
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Event).Where(d => d.SubscriptionId == subscriptionId).OrderBy(d => d.Id).ToListAsync();
    }
}
