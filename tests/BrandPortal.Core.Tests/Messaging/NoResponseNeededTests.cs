using BrandPortal.Core.Access;
using BrandPortal.Core;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Email;
using BrandPortal.Core.Messaging;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static BrandPortal.Core.Tests.Messaging.ConversationKit;

namespace BrandPortal.Core.Tests.Messaging;

/// <summary><see cref="BrandMessagesService.MarkNoResponseNeededAsync"/>: who may mark, what it stops, what it audits.</summary>
public sealed class NoResponseNeededTests : DemoDatabaseTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);

    private BrandMessagesService Service() => new(Db, new AccessService(Db), Options.Create(new PortalOptions()), new OutboxSignal(), _clock);

    private async Task<long> ThreadOfAsync(string user, params Step[] steps)
    {
        await using var db = Check();
        return await ThreadAsync(db, user, "Acme", steps);
    }

    [Fact]
    public async Task Mark_ThreadWaitingWithTwoMessages_StopsBothTimersClearsResponseNeededAndAudits()
    {
        var threadId = await ThreadOfAsync("rep.two@acme.test", Customer(Now.AddHours(-5)), Customer(Now.AddHours(-4)));
        var rep = await UserAsync("rep.two@acme.test");

        var result = await Service().MarkNoResponseNeededAsync(rep.UserId, ActorOf(rep), threadId);

        result.Kind.Should().Be(OutcomeKind.Done, result.Message);
        await using var check = Check();
        (await check.Threads.SingleAsync(t => t.Id == threadId)).ResponseNeededSince.Should().BeNull();
        (await check.ThreadMessages.Where(m => m.ThreadId == threadId).Select(m => new { m.NoResponseNeededAt, m.NoResponseNeededByUserId }).ToListAsync())
            .Should().AllBeEquivalentTo(new { NoResponseNeededAt = (DateTimeOffset?)Now, NoResponseNeededByUserId = (long?)rep.UserId });
        var audit = (await AuditAsync(AuditActions.NoResponseNeeded)).Should().ContainSingle().Subject;
        audit.ObjectId.Should().Be(threadId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        audit.ActorUserId.Should().Be(rep.UserId);
        audit.SellerAccountId.Should().Be(rep.SellerAccountId);
        audit.After.Should().Be("No response needed (2 customer messages)");
    }

    [Fact]
    public async Task Mark_Twice_SecondIsRefusedAndKeepsTheFirstMarksTime()
    {
        var threadId = await ThreadOfAsync("rep.two@acme.test", Customer(Now.AddHours(-5)));
        var rep = await UserAsync("rep.two@acme.test");
        await Service().MarkNoResponseNeededAsync(rep.UserId, ActorOf(rep), threadId);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var second = await Service().MarkNoResponseNeededAsync(rep.UserId, ActorOf(rep), threadId);

        second.Kind.Should().Be(OutcomeKind.Refused);
        await using var check = Check();
        (await check.ThreadMessages.SingleAsync(m => m.ThreadId == threadId)).NoResponseNeededAt.Should().Be(Now);
        (await AuditAsync(AuditActions.NoResponseNeeded)).Should().ContainSingle();
    }

    [Fact]
    public async Task Mark_ViewOnlyPermission_IsRefusedAndChangesNothing()
    {
        var threadId = await ThreadOfAsync("rep.two@acme.test", Customer(Now.AddHours(-5)));
        var viewer = await UserAsync("rep.one@acme.test"); // Buyer-Seller Messages: View

        var result = await Service().MarkNoResponseNeededAsync(viewer.UserId, ActorOf(viewer), threadId);

        result.Kind.Should().Be(OutcomeKind.Refused);
        result.Message.Should().Contain("View and Edit");
        await using var check = Check();
        (await check.Threads.SingleAsync(t => t.Id == threadId)).ResponseNeededSince.Should().NotBeNull();
        (await AuditAsync(AuditActions.NoResponseNeeded)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("rep@globex.test")]        // represents Acme too, but the thread is Acme Trading's
    [InlineData("rep.northwind@acme.test")] // same account, does not represent Acme
    public async Task Mark_ThreadTheUserMayNotSee_IsNotFoundAndChangesNothing(string user)
    {
        var threadId = await ThreadOfAsync("rep.two@acme.test", Customer(Now.AddHours(-5)));
        var other = await UserAsync(user);

        (await Service().MarkNoResponseNeededAsync(other.UserId, ActorOf(other), threadId)).Kind.Should().Be(OutcomeKind.NotFound);

        await using var check = Check();
        (await check.ThreadMessages.SingleAsync(m => m.ThreadId == threadId)).NoResponseNeededAt.Should().BeNull();
    }

    [Fact]
    public async Task Thread_AfterMark_ShowsWhoMarkedItAndWhen()
    {
        var threadId = await ThreadOfAsync("rep.two@acme.test", Customer(Now.AddHours(-5)));
        var rep = await UserAsync("rep.two@acme.test");
        await Service().MarkNoResponseNeededAsync(rep.UserId, ActorOf(rep), threadId);

        var view = await Service().GetAsync(rep, threadId);

        view!.Summary.AnswerDueAt.Should().BeNull();
        view.LastNoResponseMark.Should().Be(new NoResponseMark(Now, "rep.two@acme.test"));
    }
}
