using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using BrandPortal.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BrandPortal.Web.Tests.Webhooks;

/// <summary>One POST the receiver took, with whether its signature verified.</summary>
public sealed record ReceivedWebhook(string Path, string Id, long Timestamp, string Type, JsonElement Data, bool SignatureValid, DateTimeOffset At);

/// <summary>
/// A real HTTP receiver on 127.0.0.1, a small Kestrel app, that verifies every Standard Webhooks signature with
/// <see cref="Secret"/> and records what arrived. Each path (one per subscription) answers as its behaviour says,
/// 200 by default; it can be stopped and started again on the same port (a receiver that is down).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private WebApplication? _app;

    /// <summary>Per path: the status to answer a request with (given the requests so far for its webhook-id, this one included).</summary>
    public ConcurrentDictionary<string, Func<int, int>> Behaviour { get; } = new();

    /// <summary>Per path: how long to take before answering.</summary>
    public ConcurrentDictionary<string, TimeSpan> Delay { get; } = new();

    public int Port { get; private set; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public IReadOnlyList<ReceivedWebhook> At(string path) => _received.Where(r => r.Path == path).ToList();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/{path}", (Delegate)HandleAsync);
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task<IResult> HandleAsync(HttpContext http, string path)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var id = http.Request.Headers["webhook-id"].ToString();
        long.TryParse(http.Request.Headers["webhook-timestamp"].ToString(), out var timestamp);
        var valid = WebhookSignature.Verify(Secret, id, timestamp, body, http.Request.Headers["webhook-signature"].ToString())
                    && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) < 300;
        using var json = JsonDocument.Parse(body);
        var received = new ReceivedWebhook(path, id, timestamp, json.RootElement.GetProperty("type").GetString()!,
            json.RootElement.GetProperty("data").Clone(), valid, DateTimeOffset.UtcNow);
        _received.Enqueue(received);
        if (Delay.TryGetValue(path, out var delay)) await Task.Delay(delay);
        if (!valid) return Results.StatusCode(401);
        var seen = _received.Count(r => r.Id == id && r.Path == path);
        return Results.StatusCode(Behaviour.TryGetValue(path, out var answer) ? answer(seen) : 200);
    }

    /// <summary>Waits until the path has received at least <paramref name="distinctIds"/> distinct webhook-ids.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string path, int distinctIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (At(path).Select(r => r.Id).Distinct().Count() < distinctIds)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{path}: {At(path).Select(r => r.Id).Distinct().Count()} of {distinctIds} webhooks arrived in {timeout}");
            await Task.Delay(25);
        }
        return At(path);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
