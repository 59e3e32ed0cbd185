using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Webhooks;

/// <summary>The production retry schedule: about 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, then every 10 h until three days after the event.</summary>
public sealed class WebhookScheduleTests
{
    private static readonly DateTimeOffset Event = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private readonly WebhookOptions _production = new();

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 60)]
    [InlineData(3, 300)]
    [InlineData(4, 1800)]
    [InlineData(5, 7200)]
    [InlineData(6, 18000)]
    [InlineData(7, 36000)]
    [InlineData(8, 36000)]
    [InlineData(12, 36000)]
    public void NextAttempt_AfterFailedAttempts_WaitsTheScheduledDelayWithinTenPercent(int failedAttempts, int seconds)
    {
        var delay = TimeSpan.FromSeconds(seconds);
        var now = Event.AddSeconds(1);

        _production.NextAttempt(failedAttempts, now, Event, 0.0).Should().Be(now + delay * 0.9);
        _production.NextAttempt(failedAttempts, now, Event, 0.5).Should().Be(now + delay);
        _production.NextAttempt(failedAttempts, now, Event, 0.999999).Should().BeCloseTo(now + delay * 1.1, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void NextAttempt_FollowingTheWholeSchedule_TriesFor3DaysThenGivesUp()
    {
        var now = Event;
        var tries = new List<DateTimeOffset> { now };
        for (var failed = 1; _production.NextAttempt(failed, now, Event, 0.5) is { } next; failed++)
        {
            tries.Add(next);
            now = next;
        }

        // 5 s + 1 min + 5 min + 30 min + 2 h + 5 h + 10 h ≈ 17.6 h, then 10 h at a time: five more by 67.6 h, the next past 72 h.
        tries.Should().HaveCount(13);
        (tries[^1] - Event).Should().BeCloseTo(TimeSpan.FromHours(67.6), TimeSpan.FromMinutes(5));
        (tries[^1] + TimeSpan.FromHours(10)).Should().BeAfter(Event + TimeSpan.FromDays(3));
    }

    [Fact]
    public void Delays_Configured_ReplaceTheProductionSchedule()
    {
        var shortened = new WebhookOptions { RetryDelays = [TimeSpan.FromMilliseconds(200)] };

        shortened.NextAttempt(5, Event, Event, 0.5).Should().Be(Event + TimeSpan.FromMilliseconds(200));
        _production.Delays.Should().Equal(WebhookOptions.DefaultRetryDelays);
    }
}
