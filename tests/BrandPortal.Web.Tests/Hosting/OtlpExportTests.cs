using System.Collections.Concurrent;
using System.Net;
using System.Text;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using BrandPortal.Core.Webhooks;
using BrandPortal.Web.Tests.Pages;
using BrandPortal.Web.Tests.Webhooks;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Hosting;

/// <summary>
/// A portal with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a collector stand-in on loopback (OTLP over HTTP/protobuf), and
/// a webhook receiver.
/// </summary>
public sealed class OtlpPortal : WebhookPortal
{
    public OtlpCollector Collector { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Address,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        // Export at once rather than every 5 s (spans) and 60 s (metrics): the test waits for them.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Collector.Dispose();
    }
}

/// <summary>
/// Takes OTLP posts and keeps their bodies. Decoding protobuf is not needed to see what arrived: span names, scope names
/// and metric names are plain UTF-8 strings in it.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();

    public OtlpCollector()
    {
        Address = $"http://127.0.0.1:{LocalPostgres.FreePort()}";
        _listener.Prefixes.Add(Address + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Address { get; }

    /// <summary>Whether the posts to <paramref name="path"/> so far hold every one of <paramref name="texts"/> (a batch may hold some).</summary>
    public bool Received(string path, params string[] texts)
        => texts.All(t => _posts.Any(p => p.Path == path && Contains(p.Body, t)));

    /// <summary>For a failure message: the posts so far and which of <paramref name="texts"/> each holds.</summary>
    public string Describe(params string[] texts)
        => _posts.IsEmpty ? "nothing" : string.Join("; ", _posts.Select(p => $"{p.Path} {p.Body.Length} B [{string.Join(", ", texts.Where(t => Contains(p.Body, t)))}]"));

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; } // stopped
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _posts.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}

public sealed class OtlpExportTests(OtlpPortal portal) : IClassFixture<OtlpPortal>
{
    [Fact]
    public async Task Otlp_EndpointSet_TheContactRequestItsDatabaseCommandsAndItsWebhookPostArriveAsSpans_AndTheCountersAsMetrics()
    {
        await portal.SubscribeAsync("otlp", [WebhookEventTypes.ContactSent]);
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        await ContactSteps.WaitForOutboxAsync(portal, o => o.State == EmailState.Sent, contactId);

        await WaitAsync("/v1/traces", "brandportal", "Microsoft.AspNetCore", "Npgsql", "Brands/Reviews/{id");
        await WaitAsync("/v1/metrics", "brandportal.contacts.sent", "brandportal.emails.sent", "http.server.request.duration");

        // The contact.sent webhook: a span for the batch, holding the HttpClient's POST to the receiver.
        (await portal.Receiver.WaitForAsync("otlp", 1, TimeSpan.FromSeconds(20))).Should().ContainSingle();
        await WaitAsync("/v1/traces", "webhook deliveries", "System.Net.Http", portal.Receiver.Url("otlp"));
        await WaitAsync("/v1/metrics", "brandportal.webhooks.delivered", "http.client.request.duration");
    }

    private async Task WaitAsync(string path, params string[] texts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!portal.Collector.Received(path, texts))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The posts to {path} do not hold all of {string.Join(", ", texts)}: {portal.Collector.Describe(texts)}");
            await Task.Delay(100);
        }
    }
}
