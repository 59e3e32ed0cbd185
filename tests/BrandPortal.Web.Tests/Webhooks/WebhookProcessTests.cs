using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BrandPortal.Core;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Hosting;
using BrandPortal.Core.Webhooks;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Reliability;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Webhooks;

/// <summary>An empty database of its own, a receiver and an SMTP capture: the dispatcher runs outside the in-process portal here.</summary>
public sealed class WebhookProcessWorld : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public WebhookReceiver Receiver { get; } = new();
    public SmtpCapture Smtp { get; private set; } = null!;

    public BrandPortalDbContext CreateContext() => DbContextOptionsSetup.Create(ConnectionString);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(withDemoData: false);
        Smtp = await SmtpCapture.StartAsync();
        await Receiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Smtp.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>
    /// A platform subscription to each URL and <paramref name="count"/> events of <paramref name="type"/> for them, as a
    /// cause would write them. Each test uses its own event type, so that no subscription hears another test's events.
    /// </summary>
    public async Task<long[]> QueueAsync(string type, int count, params string[] urls)
    {
        await using var db = CreateContext();
        var subscriptions = urls.Select(url => new WebhookSubscription
        {
            PublicId = "wh_" + Guid.NewGuid().ToString("N")[..20], Kind = ApiKeyKind.Platform, Url = url, Events = [type],
            Secret = WebhookReceiver.Secret, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.WebhookSubscriptions.AddRange(subscriptions);
        await db.SaveChangesAsync();
        await WebhookEventWriter.AddManyAsync(db, Enumerable.Range(1, count)
            .Select(i => new PendingWebhookEvent(type, null, new { review = $"R{i}", rating = 1 })).ToList());
        await db.SaveChangesAsync();
        return subscriptions.Select(s => s.Id).ToArray();
    }
}

/// <summary>The delivery engine as a process that is killed, and with the address check on.</summary>
public sealed class WebhookProcessTests(WebhookProcessWorld world, ITestOutputHelper output) : IClassFixture<WebhookProcessWorld>
{
    private const int Events = 300;
    private const int BatchSize = 20;

    [Fact]
    public async Task PortalKilledMidDelivery_RestartedPortalDeliversEveryEventAtLeastOnce()
    {
        world.Receiver.Delay["kill"] = TimeSpan.FromMilliseconds(10); // a slow receiver: the kill lands mid-batch
        var subscription = (await world.QueueAsync(WebhookEventTypes.ReviewCriticalCreated, Events, world.Receiver.Url("kill"))).Single();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:BrandPortal"] = world.ConnectionString,
            ["Smtp:Host"] = world.Smtp.Host,
            ["Smtp:Port"] = world.Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Portal:BaseUrl"] = "https://portal.example.test",
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.100",
            ["Webhooks:Concurrency"] = "4",
            ["Webhooks:BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
            ["Webhooks:RequestTimeout"] = "00:00:02",
            // The killed instance's claimed deliveries come back once their lease runs out.
            ["Webhooks:Lease"] = "00:00:03",
        };

        int atKill;
        await using (var first = PortalProcess.Start(settings))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
            while (Distinct() < Events / 5 && DateTime.UtcNow < deadline && !first.HasExited) await Task.Delay(10);
            first.HasExited.Should().BeFalse(first.Tail);
            await first.KillAsync();
            atKill = Distinct();
        }
        atKill.Should().BeInRange(1, Events - 1, "the kill landed while the portal was delivering");

        var restarted = Stopwatch.StartNew();
        await using var second = PortalProcess.Start(settings);
        var received = await world.Receiver.WaitForAsync("kill", Events, TimeSpan.FromSeconds(45));
        output.WriteLine($"kill -9 after {atKill} of {Events}; all {Events} delivered {restarted.Elapsed.TotalSeconds:F1} s after the restart, " +
                         $"{received.Count - Events} delivered twice");

        received.Should().OnlyContain(r => r.SignatureValid);
        received.Select(r => r.Id).Distinct().Should().HaveCount(Events);
        (received.Count - Events).Should().BeLessThanOrEqualTo(BatchSize, "only the batch in flight at the kill is sent again");
        await using var db = world.CreateContext();
        var deadline2 = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == subscription && d.State != WebhookDeliveryState.Delivered) > 0
               && DateTime.UtcNow < deadline2) await Task.Delay(100);
        (await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == subscription && d.State == WebhookDeliveryState.Delivered)).Should().Be(Events);
    }

    [Fact]
    public async Task Delivery_LoopbackTargetWithoutAllowPrivateTargets_IsNeverConnectedTo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var socket = await listener.AcceptSocketAsync(stop.Token);
                    Interlocked.Increment(ref accepted);
                }
            }
            catch (OperationCanceledException) { }
        });
        // An address, and a name that resolves to loopback.
        var subscriptions = await world.QueueAsync(WebhookEventTypes.CustomerReplied, 1, $"https://127.0.0.1:{port}/ssrf", $"https://localhost:{port}/ssrf");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateTargets"] = "false",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config)
            .AddBrandPortalCore(world.ConnectionString).BuildServiceProvider();

        await services.GetRequiredService<WebhookDispatcher>().DispatchDueAsync(CancellationToken.None);
        await stop.CancelAsync();
        await accepting;

        accepted.Should().Be(0);
        await using var db = world.CreateContext();
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => subscriptions.Contains(d.SubscriptionId)).ToListAsync();
        deliveries.Should().HaveCount(2).And.OnlyContain(d => d.State == WebhookDeliveryState.Pending && d.Attempts == 1 && d.DeliveredAt == null
                                                              && d.LastAnswer!.Contains("loopback, private or link-local"));
    }

    private int Distinct() => world.Receiver.At("kill").Select(r => r.Id).Distinct().Count();
}
