using BrandPortal.Core.Audit;
using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Queue;

/// <summary>Bulk done, undo and assign over checked ids or all matching a filter (QueueWorld).</summary>
public sealed class ReviewBulkTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private static readonly Actor Someone = new(null, "test", null, null);

    public async Task InitializeAsync()
    {
        await using var db = database.CreateContext();
        await QueueWorld.ImportAsync(db);
        _auditFrom = await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
        await db.Database.ExecuteSqlRawAsync("DELETE FROM review_work; DELETE FROM outbox_emails;");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Audit entries are never deleted (a trigger refuses): each test reads those after this id.</summary>
    private long _auditFrom;

    private IQueryable<BrandPortal.Core.Data.Entities.AuditEntry> Audits(BrandPortal.Core.Data.BrandPortalDbContext db) => db.AuditEntries.Where(a => a.Id > _auditFrom);

    private static BulkSelection All(UserAccessFilter f) => new(f.Filter, true, []);

    private sealed record UserAccessFilter(ReviewFilter Filter);

    private static UserAccessFilter Filter(BrandPortal.Core.Access.UserAccess user, string? done = null, string? assignee = null, string? brand = null)
        => new(ReviewFilter.Parse(new ReviewFilterInput([], Brand: brand, Done: done, Assignee: assignee), user.RepresentedBrands).Filter);

    [Fact]
    public async Task Apply_DoneOnAllMatching_MarksEveryMatchWithOneAuditEntry()
    {
        await using var db = database.CreateContext();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);

        var outcome = await QueueWorld.Bulk(db).ApplyAsync(rep, Someone, BulkAction.Done, All(Filter(rep)), null);

        outcome.Message.Should().StartWith("6 reviews marked as done.");
        (await QueueWorld.ListedAsync(db, rep)).Should().BeEmpty();
        var audit = await Audits(db).SingleAsync();
        audit.Action.Should().Be(AuditActions.ReviewsBulkChanged);
        audit.After.Should().Contain("Mark 6 reviews as done").And.Contain("all matching");
    }

    [Fact]
    public async Task Preview_DoneOnAllMatching_CountsAndWritesNothing()
    {
        await using var db = database.CreateContext();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var before = await DatabaseSnapshot.TakeAsync(database.ConnectionString);

        var (preview, refusal) = await QueueWorld.Bulk(db).PreviewAsync(rep, BulkAction.Done, All(Filter(rep, brand: null)), null);

        refusal.Should().BeNull();
        preview!.Selected.Should().Be(6);
        preview.Effective.Should().Be(6);
        (await DatabaseSnapshot.TakeAsync(database.ConnectionString)).Should().Be(before);
    }

    [Fact]
    public async Task Apply_AssignAllMatchingToColleagueOfOneBrand_SkipsReviewsOfTheOtherBrandAndSaysWhy()
    {
        await using var db = database.CreateContext();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var colleague = await QueueWorld.UserAsync(db, QueueWorld.Colleague);

        var (preview, _) = await QueueWorld.Bulk(db).PreviewAsync(rep, BulkAction.Assign, All(Filter(rep)), colleague.UserId);
        var outcome = await QueueWorld.Bulk(db).ApplyAsync(rep, Someone, BulkAction.Assign, All(Filter(rep)), colleague.UserId);

        preview!.Skipped.Should().Be(2, "R5 and R6 are of B2, which the colleague does not represent");
        outcome.Message.Should().Contain("4 reviews assigned to").And.Contain("2 skipped").And.Contain("does not represent their brand");
        (await QueueWorld.ListedAsync(db, colleague, assignee: "me")).Should().Equal("R1", "R2", "R3", "R4");
        (await db.OutboxEmails.SingleAsync()).Subject.Should().Contain("4 reviews");
    }

    [Fact]
    public async Task Apply_CheckedIdsIncludingAnotherAccountsOwnBrandReview_OnlyTheUsersBrandsChange()
    {
        await using var db = database.CreateContext();
        var repS3 = await QueueWorld.UserAsync(db, QueueWorld.RepS3);
        var r = await QueueWorld.ReviewsAsync(db);
        var selection = new BulkSelection(Filter(repS3).Filter, false, [r["R1"], r["R5"], r["R6"]]);

        var outcome = await QueueWorld.Bulk(db).ApplyAsync(repS3, Someone, BulkAction.Done, selection, null);

        outcome.Message.Should().StartWith("1 review marked as done.");
        (await db.ReviewWork.Select(w => w.ReviewId).ToListAsync()).Should().Equal(r["R1"]);
    }

    [Fact]
    public async Task Apply_UndoOnDoneOnly_ReopensThemAll()
    {
        await using var db = database.CreateContext();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        await QueueWorld.Bulk(db).ApplyAsync(rep, Someone, BulkAction.Done, All(Filter(rep)), null);

        var outcome = await QueueWorld.Bulk(db).ApplyAsync(rep, Someone, BulkAction.Undo, All(Filter(rep, done: "only")), null);

        outcome.Message.Should().StartWith("6 reviews open again.");
        (await QueueWorld.ListedAsync(db, rep)).Should().HaveCount(6);
    }

    public static TheoryData<string, string?, bool, string> Refusals => new()
    {
        { QueueWorld.Viewer, null, true, "View" },
        { QueueWorld.Rep, null, false, "No reviews were selected" },
        { QueueWorld.Rep, QueueWorld.RepS3, true, "cannot be given" },
        { QueueWorld.Rep, "none", true, "Choose who" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Apply_RefusedRequest_ClearMessageAndNothingStored(string email, string? assignee, bool all, string message)
    {
        await using var db = database.CreateContext();
        var user = await QueueWorld.UserAsync(db, email);
        long? assigneeId = assignee is null ? null : assignee == "none" ? null : await QueueWorld.UserIdAsync(db, assignee);
        var action = assignee is null ? BulkAction.Done : BulkAction.Assign;
        var before = await DatabaseSnapshot.TakeAsync(database.ConnectionString);

        var outcome = await QueueWorld.Bulk(db).ApplyAsync(user, Someone, action, new BulkSelection(Filter(user).Filter, all, []), assigneeId);

        outcome.Kind.Should().Be(OutcomeKind.Refused);
        outcome.Message.Should().Contain(message);
        (await DatabaseSnapshot.TakeAsync(database.ConnectionString)).Should().Be(before);
    }

    [Theory]
    [InlineData(BulkAction.Done, "INSERT INTO review_work")]
    [InlineData(BulkAction.Undo, "UPDATE review_work")]
    [InlineData(BulkAction.Assign, "INSERT INTO review_work")]
    public void ApplySql_EachAction_OneStatementOverTheFilterNeverAListOfIds(BulkAction action, string write)
    {
        var sql = ReviewBulk.ApplySql(action, "r.brand_id = ANY(@e1)", "@e0", "@e2", "@e3", "@e4");

        sql.Should().NotContain(";", "one statement: the matches, the write and the counts in one round trip");
        sql.TrimStart().Should().StartWith("WITH m AS MATERIALIZED (SELECT r.id");
        sql.Should().Contain(write).And.Contain("FROM reviews r WHERE r.brand_id = ANY(@e1)");
        if (action != BulkAction.Undo) sql.Should().Contain("ON CONFLICT (seller_account_id, review_id) DO UPDATE");
    }
}
