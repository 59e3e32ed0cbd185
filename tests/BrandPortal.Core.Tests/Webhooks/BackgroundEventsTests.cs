using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Messaging;
using BrandPortal.Core.Data;
using BrandPortal.Core.Email;
using BrandPortal.Core.Hosting;
using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Core.Tests.Webhooks;

/// <summary>
/// The events no request causes: the email outbox giving up on a contact's email (<c>contact.delivery_failed</c>)
/// and the periodic check of conversations waiting too long for the brand (<c>thread.overdue</c>).
/// </summary>
public sealed class BackgroundEventsTests : DemoDatabaseTest
{
    protected override async Task ArrangeAsync()
    {
        await using var seed = Check();
        (await DemoContacts.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(3);
    }

    private async Task<List<StoredEvent>> EventsAsync(string type)
    {
        await using var check = Check();
        return await WebhookEventTestKit.EventsAsync(check, type);
    }

    [Fact]
    public async Task Outbox_ContactEmailRefusedForGood_WritesDeliveryFailedPerContact_DeliveredEmailWritesNone()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var services = new ServiceCollection().AddScoped(_ => Check()).BuildServiceProvider();
        var dispatcher = new OutboxDispatcher(services.GetRequiredService<IServiceScopeFactory>(),
            new SmtpConnector(Options.Create(new SmtpOptions { Host = smtp.Host, Port = smtp.Port })), Options.Create(new OutboxOptions()),
            TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);

        smtp.Reject(550, "mailbox unavailable");
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var failed = await EventsAsync(WebhookEventTypes.ContactDeliveryFailed);
        failed.Select(e => e.Text("contact")).Should().BeEquivalentTo("R0001", "R0067", "R0212");
        failed.Should().OnlyContain(e => e.Text("error").Contains("550"));

        smtp.Reject(null);
        var rep = await UserAsync(DemoContacts.Representative);
        var reviewId = await Db.Reviews.Where(r => r.ExternalId == "R0331").Select(r => r.Id).SingleAsync();
        var contacts = new ContactCustomerService(Db, new AccessService(Db), new EligibilityService(Db, TimeProvider.System),
            new ContactTimeline(Db), Options.Create(new PortalOptions()), new OutboxSignal(), TimeProvider.System);
        (await contacts.SendAsync(rep.UserId, ActorOf(rep), reviewId, ContactReason.CustomerSupport)).Succeeded.Should().BeTrue();
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        smtp.Messages.Should().ContainSingle();
        (await EventsAsync(WebhookEventTypes.ContactDeliveryFailed)).Should().HaveCount(3);
    }

    [Fact]
    public async Task OverdueCheck_ThreadWaitingPastTheWindow_WritesOneEventPerOccurrence()
    {
        var marie = await ContactIdAsync("R0212");
        var start = DateTimeOffset.UtcNow;
        await SetWaitingSinceAsync(marie, start - BrandMessagesWindow - TimeSpan.FromMinutes(5));
        var clock = new FakeTimeProvider(start);

        (await new ThreadOverdueCheck(Db, clock).RunAsync()).Should().Be(1);
        (await new ThreadOverdueCheck(Db, clock).RunAsync()).Should().Be(0, "this occurrence had its event");

        var first = (await EventsAsync(WebhookEventTypes.ThreadOverdue)).Should().ContainSingle().Subject;
        (first.Text("contact"), first.Text("customer"), first.Text("seller")).Should().Be(("R0212", "C3", "S1"));
        first.Data.TryGetProperty("answerDueAt", out _).Should().BeTrue();

        // The brand answered, the customer wrote again, and the new wait ran past the window too: a second occurrence.
        await SetWaitingSinceAsync(marie, DateTimeOffset.UtcNow.AddSeconds(1));
        clock.SetUtcNow(DateTimeOffset.UtcNow + BrandMessagesWindow + TimeSpan.FromMinutes(5));
        (await new ThreadOverdueCheck(Db, clock).RunAsync()).Should().Be(1);
        (await EventsAsync(WebhookEventTypes.ThreadOverdue)).Should().HaveCount(2);
    }

    [Fact]
    public async Task OverdueCheck_ThreadWithinTheWindowOrAnswered_WritesNone()
    {
        var marie = await ContactIdAsync("R0212");
        await SetWaitingSinceAsync(marie, DateTimeOffset.UtcNow - BrandMessagesWindow + TimeSpan.FromMinutes(10));
        (await new ThreadOverdueCheck(Db, TimeProvider.System).RunAsync()).Should().Be(0);

        await SetWaitingSinceAsync(marie, null);
        (await new ThreadOverdueCheck(Db, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(3))).RunAsync()).Should().Be(0);
        (await EventsAsync(WebhookEventTypes.ThreadOverdue)).Should().BeEmpty();
    }

    private static TimeSpan BrandMessagesWindow => BrandMessagesService.AnswerWithin;

    private async Task<long> ContactIdAsync(string review)
    {
        await using var check = Check();
        return await check.Contacts.Where(c => c.Review!.ExternalId == review).Select(c => c.Id).SingleAsync();
    }

    private async Task SetWaitingSinceAsync(long contactId, DateTimeOffset? since)
    {
        await using var check = Check();
        (await check.Threads.Where(t => t.ContactId == contactId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ResponseNeededSince, since)))
            .Should().Be(1);
    }
}
