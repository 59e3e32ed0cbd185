using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BrandPortal.Bench.Harness;

/// <summary>
/// bench/run's webhook helpers (<c>Harness webhooks …</c>), each printing one <c>KEY value…</c> line:
///   receiver PORT          a webhook receiver on 127.0.0.1:PORT that verifies every signature, until SIGTERM;
///                          GET /stats answers "count distinct bad first last" (Unix ms)
///   queue COUNT URL        a platform subscription to URL and COUNT events for it, written as a cause writes them
///                          (run it while no portal runs, so nothing is delivered yet)
///   delivered COUNT PORT   wait until the receiver on PORT has COUNT distinct webhook-ids; rate = first to last arrival
/// </summary>
public static class WebhookBench
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static async Task<int> RunAsync(string[] args) => args.FirstOrDefault() switch
    {
        "receiver" => await ReceiverAsync(int.Parse(args[1], CultureInfo.InvariantCulture)),
        "queue" => await QueueAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args[2]),
        "delivered" => await DeliveredAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture)),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Harness webhooks receiver PORT | queue COUNT URL | delivered COUNT PORT");
        return 2;
    }

    private static async Task<int> ReceiverAsync(int port)
    {
        var ids = new ConcurrentDictionary<string, byte>();
        long count = 0, bad = 0, first = 0, last = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/{path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var id = http.Request.Headers["webhook-id"].ToString();
            long.TryParse(http.Request.Headers["webhook-timestamp"].ToString(), out var timestamp);
            if (!WebhookSignature.Verify(Secret, id, timestamp, body, http.Request.Headers["webhook-signature"].ToString()))
            {
                Interlocked.Increment(ref bad);
                return Results.StatusCode(401);
            }
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Interlocked.CompareExchange(ref first, now, 0);
            Interlocked.Exchange(ref last, now);
            Interlocked.Increment(ref count);
            ids.TryAdd(id, 0);
            return Results.NoContent();
        });
        app.MapGet("/stats", () => FormattableString.Invariant($"{Interlocked.Read(ref count)} {ids.Count} {Interlocked.Read(ref bad)} {first} {last}"));
        await app.StartAsync();
        Console.WriteLine($"RECEIVER ready {port}");
        await app.WaitForShutdownAsync(); // SIGTERM or Ctrl+C
        Console.WriteLine($"RECEIVER received {count} distinct {ids.Count} bad {bad}");
        return 0;
    }

    private static async Task<int> QueueAsync(int count, string url)
    {
        var cs = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetConnectionString("BrandPortal")
                 ?? throw new InvalidOperationException("Set ConnectionStrings__BrandPortal.");
        await using var db = DbContextOptionsSetup.Create(cs);
        var clock = Stopwatch.StartNew();
        var type = WebhookEventTypes.ReviewCriticalCreated;
        // Earlier runs' subscriptions stop hearing, so that this run's events go to this run's receiver only.
        await db.WebhookSubscriptions.Where(s => s.DisabledAt == null && s.CreatedBy == "bench")
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DisabledAt, DateTimeOffset.UtcNow).SetProperty(x => x.DisabledReason, "an earlier benchmark run"));
        db.WebhookSubscriptions.Add(new WebhookSubscription
        {
            PublicId = "wh_bench" + Guid.NewGuid().ToString("N")[..16], Kind = ApiKeyKind.Platform, Url = url, Events = [type], Secret = Secret,
            CreatedBy = "bench", CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        await WebhookEventWriter.AddManyAsync(db, Enumerable.Range(1, count).Select(i => new PendingWebhookEvent(type, null,
            new { review = $"RB{i:D6}", rating = 1 + i % 3, brand = "B1", asin = "B000BENCH1", customer = "C1", createdAt = DateTimeOffset.UtcNow })).ToList());
        await db.SaveChangesAsync();
        Console.WriteLine(FormattableString.Invariant($"QUEUED events={count} seconds={clock.Elapsed.TotalSeconds:0.00}"));
        return 0;
    }

    private static async Task<int> DeliveredAsync(int count, int port)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        long[] stats;
        do
        {
            await Task.Delay(100);
            stats = (await http.GetStringAsync("/stats")).Split(' ').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }
        while (stats[1] < count && DateTime.UtcNow < deadline);
        var seconds = (stats[4] - stats[3]) / 1000.0;
        Console.WriteLine(FormattableString.Invariant(
            $"WEBHOOKS delivered={stats[1]} posts={stats[0]} bad_signatures={stats[2]} seconds={seconds:0.00} rate={(stats[1] - 1) / seconds:0}"));
        return stats[1] >= count && stats[2] == 0 ? 0 : 1;
    }
}
