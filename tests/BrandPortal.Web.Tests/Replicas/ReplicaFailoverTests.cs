using System.Diagnostics;
using System.Net;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using static BrandPortal.Web.Tests.Replicas.ReplicaPortal;

namespace BrandPortal.Web.Tests.Replicas;

/// <summary>The standby or the primary stops under a running portal, and comes back. Both are started again at the end.</summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReplicaFailoverTests(ReplicatedPostgres pg, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Banner = "BrandPortal is read-only for a moment";
    private SmtpCapture _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpCapture.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task ListPages_StandbyStopped_AreReadFromThePrimaryWithoutAnErrorPage()
    {
        await using var portal = Start(pg, _smtp);
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await rep.Http.GetAsync("/Brands/Reviews")).StatusCode.Should().Be(HttpStatusCode.OK);

        await pg.StopStandbyAsync();
        try
        {
            var statuses = new List<HttpStatusCode>();
            var took = new List<TimeSpan>();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                var started = clock.Elapsed;
                foreach (var page in new[] { "/Brands/Reviews", "/Brands", "/Brands/Messages" })
                    statuses.Add((await rep.Http.GetAsync(page)).StatusCode);
                took.Add(clock.Elapsed - started);
            }
            output.WriteLine($"standby stopped: {statuses.Count} pages, first round of three {took[0].TotalMilliseconds:F0} ms, " +
                             $"slowest round {took.Max().TotalMilliseconds:F0} ms, later rounds {took.Skip(1).DefaultIfEmpty().Average(t => t.TotalMilliseconds):F0} ms on average");
            statuses.Should().OnlyContain(s => s == HttpStatusCode.OK, "reads fall back to the primary, listed last in the read connection string");
            (await ReadStatementsOnAsync(pg.PrimaryConnectionString)).Should().NotBeEmpty("the read connections went to the primary");
        }
        finally
        {
            await pg.StartStandbyAsync();
        }
        await pg.WaitForReplayAsync();
    }

    [Fact]
    public async Task Portal_PrimaryStopped_ReadsFromTheStandbyWithBannerRefusesWritesAndRecoversWithoutRestart()
    {
        await using var portal = Start(pg, _smtp);
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var before = await ReviewIdAsync(pg, "R0331");
        var during = await ReviewIdAsync(pg, "R0281");
        var sent = _smtp.Messages.Count;
        (await PostContactAsync(rep, before, await rep.AntiforgeryTokenAsync($"/Brands/Reviews/{before}/Contact"))).ShouldBeRedirect();
        await WaitForEmailsAsync(_smtp, sent + 1);
        var token = await rep.AntiforgeryTokenAsync($"/Brands/Reviews/{during}/Contact");
        await pg.WaitForReplayAsync();

        var clock = Stopwatch.StartNew();
        await pg.StopPrimaryAsync();
        var stopped = clock.Elapsed;
        try
        {
            var (page, doc) = await rep.GetPageAsync("/Brands/Reviews");
            var firstRead = clock.Elapsed - stopped;
            page.StatusCode.Should().Be(HttpStatusCode.OK, "the list is read from the standby");
            doc.QuerySelector("#read-only-banner")!.TextContent.Should().Be(Banner);
            doc.QuerySelector($"article[data-review-id='{before}'] .contact-state")!.GetAttribute("data-contact-state").Should().Be("yours");
            var next = clock.Elapsed;
            (await rep.Http.GetAsync("/Brands")).StatusCode.Should().Be(HttpStatusCode.OK);
            var nextRead = clock.Elapsed - next;
            using var german = new HttpRequestMessage(HttpMethod.Get, "/Brands/Reviews") { Headers = { { "Accept-Language", "de" } } };
            (await (await rep.Http.SendAsync(german)).Content.ReadAsStringAsync()).Should().Contain("BrandPortal ist vorübergehend schreibgeschützt");

            var refused = await PostContactAsync(rep, during, token);
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter.Should().NotBeNull();
            (await refused.Content.ReadAsStringAsync()).Should().Contain(Banner);
            output.WriteLine($"primary stopped: first page from the standby {firstRead.TotalMilliseconds:F0} ms after the stop, the next one took {nextRead.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await pg.StartPrimaryAsync();
        }
        var up = clock.Elapsed;
        HttpResponseMessage accepted;
        while (true)
        {
            var (page, doc) = await rep.GetPageAsync("/Brands/Reviews");
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            if (doc.QuerySelector("#read-only-banner") is null) break;
            clock.Elapsed.Should().BeLessThan(up + TimeSpan.FromSeconds(30), "the portal notices by itself that the primary is back");
            await Task.Delay(100);
        }
        var writable = clock.Elapsed;
        accepted = await PostContactAsync(rep, during, await rep.AntiforgeryTokenAsync($"/Brands/Reviews/{during}/Contact"));
        accepted.ShouldBeRedirect();
        output.WriteLine($"read-only window: {(writable - stopped).TotalSeconds:F1} s from the stop ({(up - stopped).TotalSeconds:F1} s of it the primary was down, " +
                         $"writes accepted {(writable - up).TotalSeconds:F1} s after it was up)");

        await WaitForEmailsAsync(_smtp, sent + 2);
        await Task.Delay(500);
        _smtp.Messages.Count.Should().Be(sent + 2, "one email per contact: the refused post sent nothing, nothing was lost or sent twice");
        (await ContactsOfReviewAsync(pg.PrimaryConnectionString, during)).Should().Be(1);
        await pg.WaitForReplayAsync();
        await ReplicatedPostgres.SettleAsync();
    }
}
