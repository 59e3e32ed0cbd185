using System.Diagnostics;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>The portal process is killed (kill -9) while its dispatcher is sending: the restarted portal finishes the job.</summary>
public sealed class ProcessKillTests(EmptyDatabase database, ITestOutputHelper output) : IClassFixture<EmptyDatabase>
{
    private const int Emails = 300;
    private const int BatchSize = 20;

    [Fact]
    public async Task Outbox_PortalKilledMidSend_RestartedPortalDeliversEveryQueuedEmail()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        smtp.Delay = TimeSpan.FromMilliseconds(15); // a slow server: the kill lands in the middle of a batch
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:BrandPortal"] = database.ConnectionString,
            ["Smtp:Host"] = smtp.Host,
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Portal:BaseUrl"] = "https://portal.example.test",
            ["Outbox:PollInterval"] = "00:00:00.250",
            ["Outbox:RetryBaseDelay"] = "00:00:00.200",
            ["Outbox:RetryMaxDelay"] = "00:00:01",
            // The killed instance's claimed rows come back once their lease runs out.
            ["Outbox:Lease"] = "00:00:03",
            ["Outbox:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await Burst.QueueAsync(database.ConnectionString, "kill", Emails);

        Burst.Tally atKill;
        int claimedAtKill;
        await using (var first = PortalProcess.Start(settings))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
            while (Burst.Count(smtp, "kill").Distinct < Emails / 4 && DateTime.UtcNow < deadline && !first.HasExited) await Task.Delay(20);
            first.HasExited.Should().BeFalse(first.Tail);
            Burst.Count(smtp, "kill").Distinct.Should().BeGreaterThan(0, "the first portal was sending: " + first.Tail);
            await first.KillAsync();
            atKill = Burst.Count(smtp, "kill");
            await using var db = DbContextOptionsSetup.Create(database.ConnectionString);
            claimedAtKill = await db.OutboxEmails.CountAsync(o => o.MessageId.StartsWith("kill-") && o.State == EmailState.Queued && o.Attempts > 0);
        }

        var restarted = Stopwatch.StartNew();
        await using var second = PortalProcess.Start(settings);
        var tally = await Burst.WaitForAllAsync(smtp, "kill", Emails, TimeSpan.FromSeconds(45));
        output.WriteLine($"kill -9: {Emails} queued; at the kill {atKill}, {claimedAtKill} claimed and unsent; at the end {tally}; " +
                         $"all delivered {restarted.Elapsed.TotalSeconds:F1} s after the restart");

        tally.Distinct.Should().Be(Emails, "the restarted portal delivers what the killed one left: " + second.Tail);
        // Sent rows are marked Sent once per batch: only the emails of the batch in flight when the process died (sent,
        // not yet marked) may arrive twice, with the same Message-Id.
        tally.Duplicates.Should().BeLessThanOrEqualTo(BatchSize);
        // The rows claimed at the kill are at most the one batch in flight, and only such a row (sent, not yet marked)
        // can arrive twice.
        claimedAtKill.Should().BeInRange(0, BatchSize, "one instance claims one batch at a time");
        tally.Duplicates.Should().BeLessThanOrEqualTo(claimedAtKill, "only a row claimed and unsent at the kill is sent again");
        (await Burst.UnsentAsync(database.ConnectionString, "kill", TimeSpan.FromSeconds(10))).Should().BeEmpty("every row ends Sent");
    }
}
