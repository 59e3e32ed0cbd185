using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BrandPortal.Web.Tests.Email;

/// <summary>The outbox dispatcher inside the portal against a real SMTP server that goes down and refuses mail.</summary>
public sealed class OutboxDeliveryTests(DemoPortal portal) : IClassFixture<DemoPortal>, IAsyncLifetime
{
    public Task InitializeAsync() => portal.Smtp.StartAsync();

    public async Task DisposeAsync()
    {
        portal.Smtp.Reject(null);
        await portal.Smtp.StartAsync();
    }

    [Fact]
    public async Task Dispatcher_SmtpServerDown_RetriesAndDeliversOnceItIsBack()
    {
        await portal.Smtp.StopAsync();
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);

        var waiting = await ContactSteps.WaitForOutboxAsync(portal, o => o.Attempts >= 2 && o.LastError is not null, contactId);
        waiting.State.Should().Be(EmailState.Queued, "a refused connection is transient");
        using (var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands))
        {
            var (_, page) = await rep.GetPageAsync($"/Brands/Reviews/{await ContactSteps.ReviewIdAsync(portal, "R0331")}/Contact");
            page.QuerySelector(".timeline")!.TextContent.Should().Contain("queued").And.Contain("Retrying");
        }

        await portal.Smtp.StartAsync();
        var sent = await ContactSteps.WaitForOutboxAsync(portal, o => o.State == EmailState.Sent, contactId);
        sent.LastError.Should().BeNull();
        portal.Smtp.Messages.Where(m => m.Message.MessageId == $"contact-{contactId}@brandportal").Should().ContainSingle();
    }

    [Fact]
    public async Task Dispatcher_PermanentRejection_MarksFailedWithTheServersReason()
    {
        portal.Smtp.Reject(550, "Mailbox unavailable");
        var contactId = await ContactSteps.ContactAsync(portal, "R0289", ContactReason.CourtesyRefund);

        var failed = await ContactSteps.WaitForOutboxAsync(portal, o => o.State == EmailState.Failed, contactId);
        failed.LastError.Should().Contain("550").And.Contain("Mailbox unavailable");
        failed.Attempts.Should().Be(1, "a 5xx is not retried");
        portal.Smtp.Reject(null);

        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, page) = await rep.GetPageAsync($"/Brands/Reviews/{await ContactSteps.ReviewIdAsync(portal, "R0289")}/Contact");
        page.QuerySelector(".timeline")!.TextContent.Should().Contain("failed").And.Contain("Mailbox unavailable");
    }

    [Fact]
    public async Task Dispatcher_TemporaryRejection_IsRetried()
    {
        portal.Smtp.Reject(451, "Try again later");
        var contactId = await ContactSteps.ContactAsync(portal, "R0063", ContactReason.CustomerSupport);
        var waiting = await ContactSteps.WaitForOutboxAsync(portal, o => o.Attempts >= 1 && o.LastError is not null, contactId);
        waiting.LastError.Should().Contain("451");
        portal.Smtp.Reject(null);
        await ContactSteps.WaitForOutboxAsync(portal, o => o.State == EmailState.Sent, contactId);
    }

    [Fact]
    public async Task Dispatcher_SeveralRunningAtOnce_SendEachEmailOnce()
    {
        await using (var db = portal.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 60; i++)
                db.Enqueue(EmailKind.ReviewDigest, $"race-{i}", $"race{i}@example.test", "Race", new RenderedEmail($"Race {i}", "text", "<p>html</p>"), now);
            await db.SaveChangesAsync();
        }
        var dispatcher = portal.Factory.Services.GetRequiredService<OutboxDispatcher>();
        // Four more dispatchers next to the portal's own, as four more instances would run them.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => dispatcher.DispatchDueAsync(CancellationToken.None))));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && portal.Smtp.Messages.Count(m => m.Recipients.Any(r => r.StartsWith("race", StringComparison.Ordinal))) < 60)
            await Task.Delay(50);
        await Task.Delay(300);
        var raced = portal.Smtp.Messages.Where(m => m.Recipients.Any(r => r.StartsWith("race", StringComparison.Ordinal))).Select(m => m.Message.MessageId).ToList();
        raced.Should().HaveCount(60).And.OnlyHaveUniqueItems();
        await using var check = portal.CreateContext();
        (await check.OutboxEmails.CountAsync(o => o.MessageId.StartsWith("race-") && o.State == EmailState.Sent && o.Attempts == 1)).Should().Be(60);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Dispatcher_BacklogOverSeveralConnections_SendsEachEmailOnce(int connections)
    {
        var tag = $"backlog{connections}-";
        await using (var db = portal.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 75; i++)
                db.Enqueue(EmailKind.ReviewDigest, $"{tag}{i}", $"{tag}{i}@example.test", "Backlog", new RenderedEmail($"Backlog {i}", "text", "<p>html</p>"), now);
            await db.SaveChangesAsync();
        }
        // Batches of 10: the backlog is drained by every connection in turn, each claiming its own batches.
        var dispatcher = new OutboxDispatcher(portal.Factory.Services.GetRequiredService<IServiceScopeFactory>(),
            portal.Factory.Services.GetRequiredService<SmtpConnector>(),
            Microsoft.Extensions.Options.Options.Create(new OutboxOptions { BatchSize = 10, Connections = connections }), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxDispatcher>.Instance);

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && portal.Smtp.Messages.Count(m => m.Recipients.Any(r => r.StartsWith(tag, StringComparison.Ordinal))) < 75)
            await Task.Delay(50);
        await Task.Delay(300);
        portal.Smtp.Messages.Where(m => m.Recipients.Any(r => r.StartsWith(tag, StringComparison.Ordinal))).Select(m => m.Message.MessageId)
            .Should().HaveCount(75).And.OnlyHaveUniqueItems();
        await using var check = portal.CreateContext();
        (await check.OutboxEmails.CountAsync(o => o.MessageId.StartsWith(tag) && o.State == EmailState.Sent && o.Attempts == 1)).Should().Be(75);
    }

    [Fact]
    public async Task Dispatcher_MarkWaitingOnTheDatabase_SendsTheRestOfTheBatchMeanwhileAndMarksEachRowOnce()
    {
        const string tag = "marklock-";
        const int emails = 100; // two groups of 50 in one batch
        await using (var db = portal.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < emails; i++)
                db.Enqueue(EmailKind.ReviewDigest, $"{tag}{i}", $"{tag}{i}@example.test", "Mark", new RenderedEmail($"Mark {i}", "text", "<p>html</p>"), now);
            await db.SaveChangesAsync();
        }
        portal.Smtp.Delay = TimeSpan.FromMilliseconds(20); // the first group takes a second to send: time to take the locks
        try
        {
            var dispatching = Task.Run(() => portal.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (Arrived() == 0 && DateTime.UtcNow < deadline) await Task.Delay(5);
            Arrived().Should().BeLessThan(50, "the locks are taken before the first group's mark");

            // Another transaction holds every row of the batch (claimed and committed by now): the first mark waits on it.
            await using var blocker = new Npgsql.NpgsqlConnection(portal.ConnectionString);
            await blocker.OpenAsync();
            await using var tx = await blocker.BeginTransactionAsync();
            await using (var lockRows = new Npgsql.NpgsqlCommand($"SELECT id FROM outbox_emails WHERE message_id LIKE '{tag}%' FOR UPDATE", blocker, tx))
                await lockRows.ExecuteNonQueryAsync();

            deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (Arrived() < emails && DateTime.UtcNow < deadline) await Task.Delay(20);
            Arrived().Should().Be(emails, "the SMTP connection does not wait for the database to mark the first group");
            await using (var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM outbox_emails WHERE message_id LIKE '{tag}%' AND state = 'Sent'", blocker, tx))
                ((long)(await count.ExecuteScalarAsync())!).Should().Be(0, "the marks are still waiting on the locks");
            await tx.RollbackAsync();

            await dispatching.WaitAsync(TimeSpan.FromSeconds(20));
            await Task.Delay(300);
            portal.Smtp.Messages.Where(m => m.Recipients.Any(r => r.StartsWith(tag, StringComparison.Ordinal))).Select(m => m.Message.MessageId)
                .Should().HaveCount(emails).And.OnlyHaveUniqueItems();
            await using var check = portal.CreateContext();
            (await check.OutboxEmails.CountAsync(o => o.MessageId.StartsWith(tag) && o.State == EmailState.Sent && o.Attempts == 1 && o.SentAt != null))
                .Should().Be(emails, "every row is marked Sent once the locks are gone, none claimed twice");
        }
        finally
        {
            portal.Smtp.Delay = TimeSpan.Zero;
        }

        int Arrived() => portal.Smtp.Messages.Count(m => m.Recipients.Any(r => r.StartsWith(tag, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Options_ConnectionsOutOfRange_RefusedWithTheKey(int connections)
        => new OutboxOptionsValidator().Validate(null, new OutboxOptions { Connections = connections }).FailureMessage
            .Should().Contain("Outbox:Connections must be 1 to 16");
}
