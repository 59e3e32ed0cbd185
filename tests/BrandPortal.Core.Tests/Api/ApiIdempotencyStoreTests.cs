using BrandPortal.Core.Api;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Tests.ApiKeys;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Api;

/// <summary>Idempotency-Key records: claimed once, replayed while fresh, refused for another request, in progress until answered.</summary>
public sealed class ApiIdempotencyStoreTests : DemoDatabaseTest
{
    private static readonly byte[] Body = [1, 2, 3];
    private const string Route = "POST /api/v1/import";
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private ApiIdempotencyStore Store() => new(Db, _clock);

    private async Task<long> KeyAsync()
    {
        var created = await new ApiKeyService(Db, _clock).CreateFromCommandLineAsync(Actor.System, ApiKeyKind.Platform, null, "t", [ApiScopes.ReviewsWrite]);
        return await Db.ApiKeys.Where(k => k.Prefix == created.Prefix).Select(k => k.Id).SingleAsync();
    }

    [Fact]
    public async Task Begin_AfterTheAnswerWasKept_ReplaysItUntil24HoursHavePassed()
    {
        var key = await KeyAsync();
        var first = await Store().BeginAsync(key, "k1", Route, Body);
        await Store().CompleteAsync(first.RecordId, 200, "application/json", "{\"reviews\":1}", null);

        _clock.Now = _clock.Now.AddHours(23);
        var repeat = await Store().BeginAsync(key, "k1", Route, Body);
        _clock.Now = _clock.Now.AddHours(2);
        var late = await Store().BeginAsync(key, "k1", Route, Body);

        first.State.Should().Be(IdempotencyState.Started);
        repeat.State.Should().Be(IdempotencyState.Replay);
        (repeat.Answer!.StatusCode, repeat.Answer.ResponseBody).Should().Be((200, "{\"reviews\":1}"));
        late.State.Should().Be(IdempotencyState.Started);
    }

    [Fact]
    public async Task Begin_SameKeyWithAnotherBodyOrRoute_IsMismatch_AndAnotherApiKeyMayUseTheSameValue()
    {
        var key = await KeyAsync();
        var other = await KeyAsync();
        var first = await Store().BeginAsync(key, "k2", Route, Body);
        await Store().CompleteAsync(first.RecordId, 200, "application/json", "{}", null);

        (await Store().BeginAsync(key, "k2", Route, [9])).State.Should().Be(IdempotencyState.Mismatch);
        (await Store().BeginAsync(key, "k2", "POST /api/v1/webhooks", Body)).State.Should().Be(IdempotencyState.Mismatch);
        (await Store().BeginAsync(other, "k2", Route, Body)).State.Should().Be(IdempotencyState.Started);
    }

    [Fact]
    public async Task Begin_WhileTheFirstIsRunning_IsInProgress_UntilItsLeaseRunsOut()
    {
        var key = await KeyAsync();
        await Store().BeginAsync(key, "k3", Route, Body);

        var during = await Store().BeginAsync(key, "k3", Route, Body);
        _clock.Now += ApiIdempotencyStore.RunningLease + TimeSpan.FromSeconds(1);
        var afterACrash = await Store().BeginAsync(key, "k3", Route, Body);

        during.State.Should().Be(IdempotencyState.InProgress);
        afterACrash.State.Should().Be(IdempotencyState.Started);
    }

    [Fact]
    public async Task Abandon_ARefusedRequest_LetsTheKeyBeUsedAgain()
    {
        var key = await KeyAsync();
        var first = await Store().BeginAsync(key, "k4", Route, Body);
        await Store().AbandonAsync(first.RecordId);

        (await Store().BeginAsync(key, "k4", Route, [7])).State.Should().Be(IdempotencyState.Started);
    }
}
