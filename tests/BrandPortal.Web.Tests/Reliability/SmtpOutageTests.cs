using System.Diagnostics;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>The mail server goes away while the outbox holds a burst of email: nothing is lost.</summary>
public sealed class SmtpOutageTests(SmtpOutageTests.BulkPortal portal, ITestOutputHelper output) : IClassFixture<SmtpOutageTests.BulkPortal>
{
    private const int Emails = 500;

    /// <summary>Larger batches than the default: a burst goes out over fewer connections, so the test takes seconds.</summary>
    public sealed class BulkPortal : DemoPortal
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Outbox:BatchSize"] = "50" };
    }

    [Fact]
    public async Task Outbox_SmtpDownForAWholeBurstAndAgainMidSend_DeliversEveryEmailOnce()
    {
        var smtp = portal.Smtp;
        _ = portal.Factory.Services; // the portal, and so its dispatcher, runs from here on
        await smtp.StopAsync();
        await Burst.QueueAsync(portal.ConnectionString, "outage", Emails);

        // Down for the whole burst: every attempt fails to connect and is put back with backoff.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Burst.Count(smtp, "outage").Received.Should().Be(0);
        await using (var db = portal.CreateContext())
        {
            var waiting = await db.OutboxEmails.CountAsync(o => o.MessageId.StartsWith("outage-") && o.State == EmailState.Queued && o.Attempts > 0);
            waiting.Should().BeGreaterThan(0, "the dispatcher tried and will try again");
        }

        var back = Stopwatch.StartNew();
        smtp.Delay = TimeSpan.FromMilliseconds(5);
        await smtp.StartAsync();
        // A second outage while the burst is being delivered: messages in flight at that moment may arrive twice.
        var partway = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Burst.Count(smtp, "outage").Distinct < Emails / 4 && DateTime.UtcNow < partway) await Task.Delay(20);
        var beforeSecondOutage = Burst.Count(smtp, "outage");
        await smtp.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await smtp.StartAsync();

        var tally = await Burst.WaitForAllAsync(smtp, "outage", Emails, TimeSpan.FromSeconds(45));
        var recovered = back.Elapsed;
        smtp.Delay = TimeSpan.Zero;
        output.WriteLine($"SMTP outage: {Emails} queued; before the second outage {beforeSecondOutage}; at the end {tally}; " +
                         $"all delivered {recovered.TotalSeconds:F1} s after the server came back");

        if (tally.Distinct < Emails) output.WriteLine("Not delivered: " + await Burst.UnsentAsync(portal.ConnectionString, "outage", TimeSpan.Zero));
        tally.Distinct.Should().Be(Emails, "every queued email is delivered once the server is back");
        // Only a message whose data the server had taken when it went down can be sent again: one per outage per connection.
        tally.Duplicates.Should().BeLessThanOrEqualTo(2);
        (await Burst.UnsentAsync(portal.ConnectionString, "outage", TimeSpan.FromSeconds(10))).Should().BeEmpty("every row ends Sent");
    }
}
