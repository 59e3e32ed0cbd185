using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using BrandPortal.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace BrandPortal.Web.Tests.Hosting;

/// <summary>
/// A portal of its own (its counters are its own: the meters are per host), with a scrape token, every log event
/// captured, and a way to say which address a request comes from (the test server has no real connection).
/// </summary>
public sealed class MetricsPortal : DemoPortal
{
    public const string Token = "metrics-test-token-4f1c2a9e7b3d";

    /// <summary>A request header of the tests only: the client address the portal sees for this request.</summary>
    public const string ClientAddressHeader = "X-Test-Connection-Address";

    public LogCapture Log { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Metrics:Token"] = Token };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter>(new ClientAddressFromHeader());
        services.AddSingleton<ILogEventSink>(Log);
    }

    /// <summary>GET /metrics as a client at <paramref name="address"/>, with an optional Authorization header.</summary>
    public async Task<HttpResponseMessage> ScrapeAsync(string? address, string? authorization = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (address is not null) request.Headers.Add(ClientAddressHeader, address);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await (client ?? Factory.CreateClient()).SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The scrape as loopback sees it.</summary>
    public async Task<Scrape> ScrapeFromLoopbackAsync()
    {
        var response = await ScrapeAsync("127.0.0.1");
        response.EnsureSuccessStatusCode();
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds (the exporter caches a scrape for a second; email goes out in the background).</summary>
    public async Task<Scrape> ScrapeUntilAsync(Func<Scrape, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var scrape = await ScrapeFromLoopbackAsync();
            if (condition(scrape) || DateTime.UtcNow > deadline) return scrape;
            await Task.Delay(200);
        }
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
                    context.Request.Headers.Remove(ClientAddressHeader);
                }
                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>Every log event the portal writes.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}

/// <summary>A Prometheus text exposition, read the simple way: one sample per line, <c>name{labels} value</c>.</summary>
public sealed class Scrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (<c>reason="CourtesyRefund"</c>).</summary>
    public double Value(string name, params string[] labels)
        => Samples(name).Where(s => labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);

    public bool Has(string name) => Samples(name).Any();

    private IEnumerable<(string Labels, double Value)> Samples(string name)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal) || line.Length <= name.Length) continue;
            var rest = line[name.Length..];
            if (rest[0] is not ('{' or ' ')) continue;
            var labels = rest[0] == '{' ? rest[..(rest.IndexOf('}') + 1)] : "";
            var fields = rest[labels.Length..].Trim().Split(' ');
            yield return (labels, double.Parse(fields[0], CultureInfo.InvariantCulture));
        }
    }
}
