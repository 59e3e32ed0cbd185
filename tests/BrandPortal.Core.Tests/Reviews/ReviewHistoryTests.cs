using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Tests.Insights;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Reviews;

/// <summary>
/// A review's history as the import keeps it: R1 on the shared brand B1 arrives at 2★, comes again at 4★ with another
/// title, then with another body; R2 on B1 comes again unchanged; R3 on B2 (seller S1's alone) changes once.
/// </summary>
public sealed class ReviewHistoryTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Created = DateTimeOffset.UtcNow.AddDays(-10);

    public async Task InitializeAsync()
    {
        await using (var check = database.CreateContext())
            if (await check.Reviews.AnyAsync()) return;
        async Task Import(Func<BrandPortalDbContext, Task> import)
        {
            await using var db = database.CreateContext();
            await import(db);
        }
        await Import(db => SharedBrandWorld.ImportAsync(db, [("R1", 2), ("R2", 3)], Created, title: "Leaks", body: "It leaks <b>badly</b>."));
        await Import(db => SharedBrandWorld.ImportAsync(db, [("R3", 1)], Created, "B2"));
        await Import(db => SharedBrandWorld.ImportAsync(db, [("R1", 4)], Created, title: "Fixed by support", body: "It leaks <b>badly</b>."));
        await Import(db => SharedBrandWorld.ImportAsync(db, [("R2", 3)], Created, title: "Leaks", body: "It leaks <b>badly</b>.")); // the same again
        await Import(db => SharedBrandWorld.ImportAsync(db, [("R3", 5)], Created, "B2"));
        await Import(db => SharedBrandWorld.ImportAsync(db, [("R1", 4)], Created, title: "Fixed by support", body: "They sent a new lid."));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(ReviewHistoryService Service, UserAccess User, Dictionary<string, long> Reviews, BrandPortalDbContext Db)> ArrangeAsync(string email)
    {
        var db = database.CreateContext();
        var user = await new AccessService(db).LoadAsync((await db.Users.SingleAsync(u => u.Email == email)).Id);
        return (new ReviewHistoryService(db), user!, await db.Reviews.ToDictionaryAsync(r => r.ExternalId, r => r.Id), db);
    }

    [Fact]
    public async Task Get_ReviewChangedTwice_CurrentTextAndEarlierVersionsNewestFirst()
    {
        var (service, user, reviews, db) = await ArrangeAsync(SharedBrandWorld.RepS1);
        await using var _ = db;

        var history = await service.GetAsync(user, reviews["R1"]);

        history.Should().NotBeNull();
        history!.IsEdited.Should().BeTrue();
        history.Current.Should().Match<ReviewText>(t => t.Rating == 4 && t.Title == "Fixed by support" && t.Body == "They sent a new lid." && t.Until == null);
        history.Earlier.Select(e => (e.Rating, e.Title, e.Body)).Should().Equal(
            (4, "Fixed by support", "It leaks <b>badly</b>."), (2, "Leaks", "It leaks <b>badly</b>."));
        history.EarlierCount.Should().Be(2);
        history.Earlier[1].Since.Should().BeCloseTo(Created, TimeSpan.FromSeconds(1), "the first version is what the review said when it arrived");
        history.Earlier[0].Since.Should().Be(history.Earlier[1].Until!.Value, "each version starts when the one before it was replaced");
        history.Current.Since.Should().Be(history.Earlier[0].Until!.Value);
        history.EditedAt.Should().Be(history.Earlier[0].Until);
    }

    [Fact]
    public async Task Get_ReviewNeverChanged_NotEdited()
    {
        var (service, user, reviews, db) = await ArrangeAsync(SharedBrandWorld.RepS1);
        await using var _ = db;

        var history = await service.GetAsync(user, reviews["R2"]);

        history!.IsEdited.Should().BeFalse();
        history.Earlier.Should().BeEmpty();
        history.EditedAt.Should().BeNull();
        history.Current.Rating.Should().Be(3);
    }

    [Fact]
    public async Task Get_SharedBrandFromTheOtherSellerAccount_SeesTheHistory()
    {
        var (service, user, reviews, db) = await ArrangeAsync(SharedBrandWorld.RepS3);
        await using var _ = db;

        (await service.GetAsync(user, reviews["R1"]))!.EarlierCount.Should().Be(2, "S3 represents the shared brand B1 too");
    }

    [Fact]
    public async Task Get_BrandTheUserDoesNotRepresentOrMissingReview_Null()
    {
        var (service, user, reviews, db) = await ArrangeAsync(SharedBrandWorld.RepS3);
        await using var _ = db;

        (await service.GetAsync(user, reviews["R3"])).Should().BeNull("B2 is sold by S1 only");
        (await service.GetAsync(user, long.MaxValue)).Should().BeNull();
    }

    [Fact]
    public async Task ForReviews_MixedIds_OnlyTheVisibleReviewsInOneAnswer()
    {
        var (service, user, reviews, db) = await ArrangeAsync(SharedBrandWorld.RepS3);
        await using var _ = db;

        var histories = await service.ForReviewsAsync(user, [reviews["R1"], reviews["R2"], reviews["R3"], -1]);

        histories.Keys.Should().BeEquivalentTo([reviews["R1"], reviews["R2"]]);
        histories[reviews["R1"]].IsEdited.Should().BeTrue();
        histories[reviews["R2"]].IsEdited.Should().BeFalse();
    }

    [Fact]
    public async Task ForReviews_UserWithoutCustomerReviewsPermission_Nothing()
    {
        var (service, user, reviews, db) = await ArrangeAsync(SharedBrandWorld.RepS1);
        await using var _ = db;
        var withoutPermission = user with { Permissions = new Dictionary<Permission, PermissionLevel>() };

        (await service.ForReviewsAsync(withoutPermission, [reviews["R1"], reviews["R3"]])).Should().BeEmpty();
    }
}
