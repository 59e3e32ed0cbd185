using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Webhooks;
using BrandPortal.Web.Tests.Pages;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BrandPortal.Web.Tests.Webhooks;

/// <summary>The webhook counters of the BrandPortal meter, read from the running portal's own meters.</summary>
public sealed class WebhookMetricsTests(WebhookPortal portal) : IClassFixture<WebhookPortal>, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, long Value, string? Type)> _counts = new();

    private void Listen()
    {
        var factory = portal.Factory.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("brandportal.webhooks.", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            string? type = null;
            foreach (var tag in tags) if (tag.Key == "type") type = tag.Value as string;
            _counts.Enqueue((i.Name, value, type));
        });
        _listener.Start();
    }

    private long Count(string name) => _counts.Where(c => c.Name == name && c.Type == WebhookEventTypes.ContactSent).Sum(c => c.Value);

    [Fact]
    public async Task Deliveries_OneRetriedThenDeliveredAndOneGone_CountOneOfEachByEventType()
    {
        Listen();
        portal.Receiver.Behaviour["metrics-retry"] = n => n == 1 ? 500 : 200;
        portal.Receiver.Behaviour["metrics-gone"] = _ => 410;
        await portal.SubscribeAsync("metrics-retry", [WebhookEventTypes.ContactSent]);
        await portal.SubscribeAsync("metrics-gone", [WebhookEventTypes.ContactSent]);

        await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Count("brandportal.webhooks.delivered") < 1 || Count("brandportal.webhooks.failed") < 1)
        {
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(100);
        }
        Count("brandportal.webhooks.delivered").Should().Be(1);
        Count("brandportal.webhooks.retried").Should().Be(1, "the 500 is tried again");
        Count("brandportal.webhooks.failed").Should().Be(1, "410 Gone ends the delivery");
    }

    public void Dispose() => _listener.Dispose();
}
