using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Queue;

/// <summary>A fresh demo shows a done review and an assignment on Acme to S1's users, and nothing of them to S3.</summary>
public sealed class DemoQueueTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    [Fact]
    public async Task Seed_FreshDemo_OneDoneAndOneAssignedReviewForS1()
    {
        await using var db = database.CreateContext();
        (await DemoQueue.SeedAsync(db, TimeProvider.System)).Should().Be(2);
        (await DemoQueue.SeedAsync(db, TimeProvider.System)).Should().Be(0, "a second run adds nothing");

        var rep = await QueueWorld.UserAsync(db, DemoQueue.Assignee);
        var page = await QueueWorld.Query(db).LoadAsync(rep, ReviewFilter.Parse(new ReviewFilterInput([], Done: "include"), rep.RepresentedBrands));
        page.Cards.Should().ContainSingle(c => c.IsDone).Which.Work!.DoneBy.Should().Be(DemoQueue.DoneBy);
        page.Cards.Should().ContainSingle(c => c.Work != null && c.Work.Assignee == DemoQueue.Assignee);
        (await QueueWorld.Work(db).AssignedToMeAsync(rep)).Should().Be(1);
        (await QueueWorld.Work(db).AssignedToMeAsync(await QueueWorld.UserAsync(db, DemoQueue.AssignedBy))).Should().Be(0);

        var globex = await QueueWorld.UserAsync(db, "rep@globex.test");
        var s3 = await QueueWorld.Query(db).LoadAsync(globex, ReviewFilter.Parse(new ReviewFilterInput([], Done: "include"), globex.RepresentedBrands));
        s3.Cards.Should().OnlyContain(c => c.Work == null);
    }
}
