using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Email;
using BrandPortal.Core.Hosting;
using BrandPortal.Core.Telemetry;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Core.Tests.Telemetry;

/// <summary>
/// The BrandPortal meter against a real database and a real SMTP server: what the outbox and Contact Customer count,
/// and what the queue gauges read. Each test listens only to the meters of its own container, so tests running at the
/// same time (with their own meters of the same name) do not count into each other.
/// </summary>
public sealed class BrandPortalMetricsTests : DemoDatabaseTest, IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow.AddHours(1));
    private ServiceProvider _services = null!;
    private Recorder _recorder = null!;

    protected override async Task ArrangeAsync()
    {
        await using (var seed = Check())
            (await DemoContacts.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(3);
        _services = new ServiceCollection().AddMetrics().AddScoped(_ => Check()).AddSingleton<TimeProvider>(_clock)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton<QueueDepths>().AddSingleton<BrandPortalMetrics>().BuildServiceProvider();
        _recorder = new Recorder(_services.GetRequiredService<IMeterFactory>());
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _services.Dispose();
    }

    private BrandPortalMetrics Metrics => _services.GetRequiredService<BrandPortalMetrics>();

    private OutboxDispatcher Dispatcher(SmtpCapture smtp) => new(_services.GetRequiredService<IServiceScopeFactory>(),
        new SmtpConnector(Options.Create(new SmtpOptions { Host = smtp.Host, Port = smtp.Port })), Options.Create(new OutboxOptions()),
        TimeProvider.System, NullLogger<OutboxDispatcher>.Instance, Metrics);

    [Fact]
    public async Task Outbox_RefusedForGoodThenAContactSent_CountsFailedEmailsTheContactByReasonAndTheSentEmail()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        var dispatcher = Dispatcher(smtp);
        smtp.Reject(550, "mailbox unavailable");
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        _recorder.Total("brandportal.emails.failed").Should().Be(3);
        _recorder.Total("brandportal.emails.sent").Should().Be(0);

        smtp.Reject(null);
        var rep = await UserAsync(DemoContacts.Representative);
        var reviewId = await Db.Reviews.Where(r => r.ExternalId == "R0331").Select(r => r.Id).SingleAsync();
        var contacts = new ContactCustomerService(Db, new AccessService(Db), new EligibilityService(Db, TimeProvider.System),
            new ContactTimeline(Db), Options.Create(new PortalOptions()), new OutboxSignal(), TimeProvider.System, Metrics);
        (await contacts.SendAsync(rep.UserId, ActorOf(rep), reviewId, ContactReason.CustomerSupport)).Succeeded.Should().BeTrue();
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        _recorder.Total("brandportal.contacts.sent", ("reason", "CustomerSupport")).Should().Be(1);
        _recorder.Total("brandportal.contacts.sent", ("reason", "CourtesyRefund")).Should().Be(0);
        _recorder.Total("brandportal.emails.sent", ("kind", "ContactCustomerSupport")).Should().Be(1);
        _recorder.Total("brandportal.emails.sent").Should().Be(1);
        _recorder.Total("brandportal.emails.retried").Should().Be(0);
    }

    [Fact]
    public async Task Outbox_TemporaryRefusal_CountsEachEmailAsRetried()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        smtp.Reject(451, "try again later");

        await Dispatcher(smtp).DispatchDueAsync(CancellationToken.None);

        _recorder.Total("brandportal.emails.retried").Should().Be(3);
        _recorder.Total("brandportal.emails.failed").Should().Be(0);
    }

    [Fact]
    public async Task QueueGauges_ReadTheWaitingRowsAndTheOldestsAge()
    {
        await using var check = Check();
        var queued = await check.OutboxEmails.CountAsync(e => e.State == EmailState.Queued);
        var oldest = await check.OutboxEmails.Where(e => e.State == EmailState.Queued).MinAsync(e => e.CreatedAt);
        var pending = await check.WebhookDeliveries.CountAsync(d => d.State == WebhookDeliveryState.Pending);
        _ = Metrics;

        _recorder.Observe();

        queued.Should().BeGreaterThanOrEqualTo(3);
        _recorder.Last("brandportal.outbox.queued").Should().Be(queued);
        _recorder.Last("brandportal.outbox.oldest_age").Should().BeApproximately((_clock.GetUtcNow() - oldest).TotalSeconds, 0.01);
        _recorder.Last("brandportal.webhooks.pending").Should().Be(pending);
    }

    [Fact]
    public async Task QueueDepths_AskedAgainWithinFiveSeconds_KeepsItsReading_ThenReadsAfresh()
    {
        var depths = _services.GetRequiredService<QueueDepths>();
        var first = depths.Read();
        await using (var db = Check())
        {
            var row = await db.OutboxEmails.AsNoTracking().Where(e => e.State == EmailState.Queued).OrderBy(e => e.Id).FirstAsync();
            db.OutboxEmails.Add(new OutboxEmail
            {
                Kind = row.Kind, MessageId = "metrics-test@brandportal", ToAddress = row.ToAddress, ToName = row.ToName, Subject = row.Subject,
                TextBody = row.TextBody, HtmlBody = row.HtmlBody, State = EmailState.Queued, CreatedAt = row.CreatedAt, NextAttemptAt = row.NextAttemptAt,
            });
            await db.SaveChangesAsync();
        }

        _clock.Advance(TimeSpan.FromSeconds(4));
        depths.Read().Should().BeSameAs(first, "a scrape storm costs the database nothing");
        _clock.Advance(TimeSpan.FromSeconds(2));
        depths.Read().Emails!.Count.Should().Be(first.Emails!.Count + 1);
    }

    [Fact]
    public void QueueDepths_DatabaseUnreachable_ReportsNothingInsteadOfThrowing()
    {
        using var services = new ServiceCollection()
            .AddScoped(_ => DbContextOptionsSetup.Create("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2"))
            .BuildServiceProvider();
        var depths = new QueueDepths(services.GetRequiredService<IServiceScopeFactory>(), _clock, NullLogger<QueueDepths>.Instance);

        var snapshot = depths.Read();

        snapshot.Emails.Should().BeNull();
        snapshot.Webhooks.Should().BeNull();
        snapshot.Emails.Measure(q => q.Count).Should().BeEmpty();
    }

    /// <summary>The measurements of this test's meters only (their scope is this container's factory).</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = new();

        public Recorder(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
            _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
            _listener.Start();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            => _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

        public void Observe() => _listener.RecordObservableInstruments();

        public double Total(string name, params (string Key, string Value)[] tags)
            => _measurements.Where(m => m.Name == name && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

        public double Last(string name) => _measurements.Last(m => m.Name == name).Value;

        public void Dispose() => _listener.Dispose();
    }
}
