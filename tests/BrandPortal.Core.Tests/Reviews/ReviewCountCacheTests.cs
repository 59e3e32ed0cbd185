using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Reviews;

public sealed class ReviewCountCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    private static UserAccess User(long? sellerAccountId) => new(1, "rep@example.test", sellerAccountId, "S", SellerPlan.Professional,
        AccountStanding.Good, null, null, false, false, new Dictionary<Permission, PermissionLevel> { [Permission.CustomerReviews] = PermissionLevel.View },
        [new BrandRoleGrant(10, "A", BrandRole.BrandRepresentative), new BrandRoleGrant(11, "B", BrandRole.BrandRepresentative)]);

    [Fact]
    public void ReviewCountCache_WithinLifetime_ReturnsTheStoredTotalAndNothingAfterIt()
    {
        var cache = new ReviewCountCache(TimeSpan.FromSeconds(5));
        var key = ReviewCountCache.Key(User(1), [10, 11], ReviewFilter.Default);
        cache.Set(key, 1001, Now);

        cache.Get(key, Now.AddSeconds(4.9)).Should().Be(1001);
        cache.Get(key, Now.AddSeconds(5)).Should().BeNull();
    }

    [Fact]
    public void ReviewCountCache_Expired_OneCallerCountsAgainWhileTheOthersKeepTheOldTotalForTheGrace()
    {
        var cache = new ReviewCountCache(TimeSpan.FromSeconds(5));
        var key = ReviewCountCache.Key(User(1), [10, 11], ReviewFilter.Default);
        cache.Set(key, 1001, Now);
        var expired = Now.AddSeconds(5);

        var answers = Enumerable.Range(0, 32).AsParallel().Select(_ => cache.Get(key, expired)).ToList();

        answers.Count(a => a is null).Should().Be(1, "one request counts again");
        answers.Where(a => a is not null).Should().AllBeEquivalentTo(1001);
        cache.Get(key, expired + ReviewCountCache.RefreshGrace).Should().BeNull("a counter that never stored its total is replaced after the grace");
        cache.Set(key, 1002, expired.AddSeconds(1));
        cache.Get(key, expired.AddSeconds(1)).Should().Be(1002);
    }

    [Fact]
    public void ReviewCountCache_Key_DiffersByAccountBrandsAndFilterButNotByCursorOrSort()
    {
        var f = ReviewFilter.Default;
        var key = ReviewCountCache.Key(User(1), [10, 11], f);

        // Another page or order of the same filter reuses the count.
        ReviewCountCache.Key(User(1), [11, 10], f with { After = new ReviewCursor(ReviewSort.Oldest, 2, Now, 5), Sort = ReviewSort.Oldest })
            .Should().Be(key);
        // Anything the count depends on makes another key: the account (contact=sent counts its own contacts), the brands
        // searched (a removed brand role), the stars, the period, the contact filter, the search.
        new[]
        {
            ReviewCountCache.Key(User(2), [10, 11], f),
            ReviewCountCache.Key(User(1), [10], f),
            ReviewCountCache.Key(User(1), [10, 11], f with { Stars = [1] }),
            ReviewCountCache.Key(User(1), [10, 11], f with { Period = ReviewPeriod.All }),
            ReviewCountCache.Key(User(1), [10, 11], f with { Contact = ContactFilter.None }),
            ReviewCountCache.Key(User(1), [10, 11], f with { Search = "broke" }),
        }.Should().NotContain(key).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void ReviewCountCache_ZeroLifetime_StoresNothing()
    {
        var cache = new ReviewCountCache(TimeSpan.Zero);
        var key = ReviewCountCache.Key(User(1), [10], ReviewFilter.Default);
        cache.Set(key, 7, Now);
        cache.Get(key, Now).Should().BeNull();
    }
}
