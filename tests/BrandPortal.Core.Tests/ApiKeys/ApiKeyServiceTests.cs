using BrandPortal.Core.Access;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.ApiKeys;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class ApiKeyServiceTests : DemoDatabaseTest
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private async Task<string> CreateAsync(string email, ApiKeyKind kind, params string[] scopes)
    {
        var user = await UserAsync(email);
        var created = await new ApiKeyService(Db, _clock).CreateAsync(user, ActorOf(user), kind, "tool", scopes);
        return created.Key ?? throw new InvalidOperationException(created.Outcome.Message);
    }

    private async Task<DateTimeOffset?> LastUsedAsync(string key)
    {
        await using var check = Check();
        return await check.ApiKeys.Where(k => k.Prefix == key.Substring(0, ApiKeySecrets.PrefixLength)).Select(k => k.LastUsedAt).SingleAsync();
    }

    [Fact]
    public async Task Authenticate_TwiceWithinAMinute_WritesTheLastUseOnce()
    {
        var key = await CreateAsync("admin@acme.test", ApiKeyKind.Account, ApiScopes.ReviewsRead);
        var service = new ApiKeyService(Db, _clock);

        (await service.AuthenticateAsync(key)).Should().NotBeNull();
        var first = await LastUsedAsync(key);
        _clock.Now = _clock.Now.AddSeconds(59);
        await service.AuthenticateAsync(key);
        var unchanged = await LastUsedAsync(key);
        _clock.Now = _clock.Now.AddSeconds(2);
        await service.AuthenticateAsync(key);

        first.Should().Be(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        unchanged.Should().Be(first);
        (await LastUsedAsync(key)).Should().Be(first!.Value.AddSeconds(61));
    }

    [Fact]
    public async Task Authenticate_AccountKey_ActsForTheCreatorsAccountWithItsScopes()
    {
        var key = await CreateAsync("admin@acme.test", ApiKeyKind.Account, ApiScopes.ReviewsRead, ApiScopes.ContactsRead);

        var caller = await new ApiKeyService(Db, _clock).AuthenticateAsync(key);

        caller!.Kind.Should().Be(ApiKeyKind.Account);
        caller.SellerAccountId.Should().Be(await AccountIdAsync("Acme Trading"));
        caller.Scopes.Should().Equal(ApiScopes.ReviewsRead, ApiScopes.ContactsRead);
    }

    [Fact]
    public async Task Create_PlatformKeyByAccountAdmin_IsForbidden_AndAccountKeyBySupport_IsForbidden()
    {
        var admin = await UserAsync("admin@acme.test");
        var support = await UserAsync("support@brandportal.test");
        var service = new ApiKeyService(Db, _clock);

        (await service.CreateAsync(admin, ActorOf(admin), ApiKeyKind.Platform, "x", [ApiScopes.CatalogWrite])).Outcome.Should().Be(Outcome.Forbidden);
        (await service.CreateAsync(support, ActorOf(support), ApiKeyKind.Account, "x", [ApiScopes.ReviewsRead])).Outcome.Should().Be(Outcome.Forbidden);
        await using var check = Check();
        (await check.ApiKeys.CountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bp_live_")]
    [InlineData("bp_live_ABCDEFGH_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("bp_live_abcdefgh-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void PrefixOf_MalformedKey_IsNull(string key) => ApiKeySecrets.PrefixOf(key).Should().BeNull();
}
