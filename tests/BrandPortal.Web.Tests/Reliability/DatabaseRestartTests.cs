using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BrandPortal.Core.Data;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>
/// PostgreSQL stops and starts again under a running portal that is serving signed-in pages. The cluster is this
/// class's own, so stopping it disturbs no other test.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"bp-restart-{Guid.NewGuid():N}");
    private LocalPostgres _pg = null!;
    private SmtpCapture _smtp = null!;

    public async Task InitializeAsync()
    {
        _pg = await LocalPostgres.StartAsync(_dir, forTests: true);
        await _pg.EnsureDatabaseAsync("brandportal");
        await using var db = DbContextOptionsSetup.Create(_pg.ConnectionString("brandportal"));
        await DatabaseInitializer.MigrateAsync(db);
        await DatabaseInitializer.SeedDemoAsync(db, TimeProvider.System);
        _smtp = await SmtpCapture.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _pg.StopAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* the server may still be closing files */ }
    }

    private sealed record Sample(TimeSpan At, HttpStatusCode Status, TimeSpan Took, bool Friendly, bool Leaks);

    [Fact]
    public async Task Portal_DatabaseRestartedUnderLoad_FailsFastWithFriendlyPageAndRecoversWithoutRestart()
    {
        await using var factory = new PortalFactory(_pg.ConnectionString("brandportal"), _smtp);
        var clients = new List<PortalClient>();
        for (var i = 0; i < 4; i++) clients.Add(await factory.SignInAsync(DemoUsers.RepTwoBrands));
        var health = factory.CreateClient();
        var pages = new[] { "/Brands/Reviews", "/Brands", "/Brands/Messages" };

        var clock = Stopwatch.StartNew();
        var samples = new ConcurrentBag<Sample>();
        using var stopLoad = new CancellationTokenSource();
        var load = clients.Select((client, n) => Task.Run(async () =>
        {
            for (var i = 0; !stopLoad.IsCancellationRequested && i < 2000; i++)
            {
                var started = clock.Elapsed;
                var response = await client.Http.GetAsync(pages[(n + i) % pages.Length]);
                var body = await response.Content.ReadAsStringAsync();
                samples.Add(new Sample(started, response.StatusCode, clock.Elapsed - started,
                    body.Contains("briefly unavailable", StringComparison.Ordinal),
                    body.Contains("Npgsql", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal)));
                await Task.Delay(20);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var down = clock.Elapsed;
        await _pg.StopAsync();
        var stopped = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var ready = await health.GetAsync("/health/ready");
        var readyDuringOutage = ready.StatusCode;
        var readyBody = await ready.Content.ReadAsStringAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var restarting = clock.Elapsed;
        _pg = await LocalPostgres.StartAsync(_dir, _pg.Port, forTests: true);
        var up = clock.Elapsed;
        // Recovered: every client has had a page since the server came back.
        var deadline = up + TimeSpan.FromSeconds(20);
        TimeSpan? recovered = null;
        while (clock.Elapsed < deadline)
        {
            var okSince = samples.Where(s => s.At >= up && s.Status == HttpStatusCode.OK).ToList();
            if (okSince.Count >= clients.Count * 3) { recovered = okSince.Min(s => s.At) - up; break; }
            await Task.Delay(100);
        }
        var settled = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var readyAfter = (await health.GetAsync("/health/ready")).StatusCode;
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);
        foreach (var c in clients) c.Dispose();

        var all = samples.OrderBy(s => s.At).ToList();
        var outage = all.Where(s => s.At >= stopped && s.At < restarting).ToList();
        var afterRecovery = all.Where(s => s.At >= settled).ToList();
        var failedAfterUp = all.Where(s => s.At >= up && s.Status != HttpStatusCode.OK).ToList();
        output.WriteLine($"PostgreSQL restart: {all.Count} requests; stop took {(stopped - down).TotalSeconds:F1} s, restart {(up - restarting).TotalSeconds:F1} s; " +
                         $"during the outage {outage.Count} requests: {Summary(outage)}, slowest {Slowest(outage)} ms; " +
                         $"first page {recovered?.TotalSeconds:F1} s after the server was up, {failedAfterUp.Count} failed after it was up" +
                         (failedAfterUp.Count > 0 ? $" (the last {(failedAfterUp.Max(s => s.At) - up).TotalSeconds:F1} s after)" : "") + $"; afterwards {afterRecovery.Count} requests: {Summary(afterRecovery)}; " +
                         $"overall {Summary(all)}");

        outage.Should().NotBeEmpty();
        outage.Should().OnlyContain(s => s.Status == HttpStatusCode.ServiceUnavailable && s.Friendly,
            "while the database is down every page says BrandPortal is briefly unavailable");
        all.Should().NotContain(s => (int)s.Status == 500 || s.Leaks, "no request fails as a bug or shows a stack trace");
        outage.Max(s => s.Took).Should().BeLessThan(TimeSpan.FromSeconds(6), "requests fail fast instead of hanging");
        readyDuringOutage.Should().Be(HttpStatusCode.ServiceUnavailable);
        readyBody.Should().Contain("\"database\":{\"status\":\"Unhealthy\"");
        recovered.Should().NotBeNull("the portal recovers by itself once the database is back");
        afterRecovery.Should().NotBeEmpty().And.OnlyContain(s => s.Status == HttpStatusCode.OK, "after recovery every page is served again");
        readyAfter.Should().Be(HttpStatusCode.OK);
    }

    private static string Summary(IEnumerable<Sample> samples)
        => string.Join(", ", samples.GroupBy(s => (int)s.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));

    private static string Slowest(IReadOnlyCollection<Sample> samples) => samples.Count == 0 ? "-" : samples.Max(s => s.Took.TotalMilliseconds).ToString("F0");
}
