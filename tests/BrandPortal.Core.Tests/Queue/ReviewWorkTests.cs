using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Queue;

/// <summary>Done and assignment of one review, per seller account, against real PostgreSQL (QueueWorld).</summary>
public sealed class ReviewWorkTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private static readonly Actor Someone = new(null, "test", null, null);

    public async Task InitializeAsync()
    {
        await using var db = database.CreateContext();
        await QueueWorld.ImportAsync(db);
        _auditFrom = await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
        // Every test starts from no work, no email, no audit: one shared world, reset.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM review_work; DELETE FROM outbox_emails; UPDATE users SET email_when_assigned = true;");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Audit entries are never deleted (a trigger refuses): each test reads those after this id.</summary>
    private long _auditFrom;

    private IQueryable<BrandPortal.Core.Data.Entities.AuditEntry> Audits(BrandPortal.Core.Data.BrandPortalDbContext db) => db.AuditEntries.Where(a => a.Id > _auditFrom);

    private BrandPortalDbContext Db() => database.CreateContext();

    [Fact]
    public async Task SetDone_OnSharedBrandReview_DoneForThatAccountOnly()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var repS3 = await QueueWorld.UserAsync(db, QueueWorld.RepS3);
        var r = await QueueWorld.ReviewsAsync(db);

        (await QueueWorld.Work(db).SetDoneAsync(rep, Someone, r["R1"], true)).Succeeded.Should().BeTrue();

        (await QueueWorld.ListedAsync(db, rep)).Should().Equal("R2", "R3", "R4", "R5", "R6");
        (await QueueWorld.ListedAsync(db, rep, done: "only")).Should().Equal("R1");
        (await QueueWorld.ListedAsync(db, rep, done: "include")).Should().Equal("R1", "R2", "R3", "R4", "R5", "R6");
        (await QueueWorld.ListedAsync(db, repS3)).Should().Equal("R1", "R2", "R3", "R4");
    }

    [Fact]
    public async Task SetDone_DoneReviewIncluded_CardShowsWhoAndWhen()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var r = await QueueWorld.ReviewsAsync(db);
        await QueueWorld.Work(db).SetDoneAsync(rep, Someone, r["R2"], true);

        var page = await QueueWorld.Query(db).LoadAsync(rep, ReviewFilter.Parse(new ReviewFilterInput([], Done: "only"), rep.RepresentedBrands));

        var card = page.Cards.Single();
        card.IsDone.Should().BeTrue();
        card.Work!.DoneBy.Should().Be(QueueWorld.Rep);
        card.Work.DoneAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task SetDone_ThenUndo_ReviewOpenAgainAndBothAudited()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var r = await QueueWorld.ReviewsAsync(db);
        var work = QueueWorld.Work(db);

        await work.SetDoneAsync(rep, Someone, r["R3"], true);
        (await work.SetDoneAsync(rep, Someone, r["R3"], false)).Succeeded.Should().BeTrue();

        (await QueueWorld.ListedAsync(db, rep)).Should().Contain("R3");
        (await Audits(db).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()).Should().Equal(AuditActions.ReviewDone, AuditActions.ReviewReopened);
    }

    [Fact]
    public async Task SetDone_Twice_SecondChangesNothingAndKeepsTheFirstAuditOnly()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var r = await QueueWorld.ReviewsAsync(db);
        var work = QueueWorld.Work(db);
        await work.SetDoneAsync(rep, Someone, r["R1"], true);

        var second = await work.SetDoneAsync(rep, Someone, r["R1"], true);

        second.Message.Should().Contain("already done");
        (await Audits(db).CountAsync()).Should().Be(1);
    }

    public static TheoryData<string, string, bool> Refusals => new()
    {
        // user, review, found (Refused) or not (NotFound)
        { QueueWorld.Viewer, "R1", true },      // View only: sees the review, may not change it
        { QueueWorld.RepS3, "R5", false },      // B2 is not S3's brand
        { QueueWorld.Colleague, "R5", false },  // the colleague does not represent B2
        { QueueWorld.NoRole, "R1", false },     // no brand role at all
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task SetDone_UserWhoMayNotChangeTheReview_RefusedAndNothingStored(string email, string review, bool found)
    {
        await using var db = Db();
        var user = await QueueWorld.UserAsync(db, email);
        var r = await QueueWorld.ReviewsAsync(db);
        var before = await DatabaseSnapshot.TakeAsync(database.ConnectionString);

        var outcome = await QueueWorld.Work(db).SetDoneAsync(user, Someone, r[review], true);

        outcome.Kind.Should().Be(found ? OutcomeKind.Refused : OutcomeKind.NotFound);
        (await DatabaseSnapshot.TakeAsync(database.ConnectionString)).Should().Be(before);
    }

    [Fact]
    public async Task Assign_ToColleagueWhoRepresentsTheBrand_ListedAsTheirsAndEmailed()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var colleague = await QueueWorld.UserAsync(db, QueueWorld.Colleague);
        var r = await QueueWorld.ReviewsAsync(db);

        var outcome = await QueueWorld.Work(db).AssignAsync(rep, Someone, r["R2"], colleague.UserId);

        outcome.Succeeded.Should().BeTrue(outcome.Message);
        (await QueueWorld.ListedAsync(db, colleague, assignee: "me")).Should().Equal("R2");
        (await QueueWorld.ListedAsync(db, rep, assignee: colleague.UserId.ToString())).Should().Equal("R2");
        (await QueueWorld.ListedAsync(db, rep, assignee: "none")).Should().Equal("R1", "R3", "R4", "R5", "R6");
        (await QueueWorld.Work(db).AssignedToMeAsync(colleague)).Should().Be(1);
        var mail = await db.OutboxEmails.SingleAsync();
        mail.ToAddress.Should().Be(QueueWorld.Colleague);
        mail.Kind.Should().Be(EmailKind.ReviewAssigned);
        mail.TextBody.Should().Contain("http://portal.test/Brands/Reviews?assignee=me").And.Contain(QueueWorld.Rep);
        (await Audits(db).SingleAsync()).Action.Should().Be(AuditActions.ReviewAssigned);
    }

    [Fact]
    public async Task Assign_ToSelf_NoEmail()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var r = await QueueWorld.ReviewsAsync(db);

        (await QueueWorld.Work(db).AssignAsync(rep, Someone, r["R1"], rep.UserId)).Succeeded.Should().BeTrue();

        (await db.OutboxEmails.CountAsync()).Should().Be(0);
        (await QueueWorld.ListedAsync(db, rep, assignee: "me")).Should().Equal("R1");
    }

    [Fact]
    public async Task Assign_AssigneeTurnedEmailOff_AssignedWithoutEmail()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var colleague = await QueueWorld.UserAsync(db, QueueWorld.Colleague);
        await db.Users.Where(u => u.Id == colleague.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailWhenAssigned, false));
        var r = await QueueWorld.ReviewsAsync(db);

        (await QueueWorld.Work(db).AssignAsync(rep, Someone, r["R1"], colleague.UserId)).Succeeded.Should().BeTrue();

        (await db.OutboxEmails.CountAsync()).Should().Be(0);
    }

    public static TheoryData<string, string> ForgedAssignees => new()
    {
        { QueueWorld.RepS3, "R1" },      // another account's user, though they represent B1
        { QueueWorld.Colleague, "R5" },  // same account, does not represent B2
        { QueueWorld.NoRole, "R1" },     // same account, represents nothing
    };

    [Theory]
    [MemberData(nameof(ForgedAssignees))]
    public async Task Assign_ToUserWhoMayNotBeGivenTheReview_RefusedWithReasonAndNothingStored(string assignee, string review)
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var r = await QueueWorld.ReviewsAsync(db);
        var before = await DatabaseSnapshot.TakeAsync(database.ConnectionString);

        var outcome = await QueueWorld.Work(db).AssignAsync(rep, Someone, r[review], await QueueWorld.UserIdAsync(db, assignee));

        outcome.Kind.Should().Be(OutcomeKind.Refused);
        outcome.Message.Should().Contain("represents").And.Contain("Nothing was changed");
        (await DatabaseSnapshot.TakeAsync(database.ConnectionString)).Should().Be(before);
    }

    [Fact]
    public async Task Assign_UnknownUserId_Refused()
        => (await AssignAsAsync(QueueWorld.Rep, "R1", 987_654_321)).Kind.Should().Be(OutcomeKind.Refused);

    [Fact]
    public async Task Candidates_ForSharedBrandReview_OnlyOwnAccountsRepresentativesWhoMayOpenReviews()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var r = await QueueWorld.ReviewsAsync(db);

        (await QueueWorld.Work(db).CandidatesAsync(rep, r["R1"])).Select(c => c.Email).Should().Equal(QueueWorld.Colleague, QueueWorld.Rep, QueueWorld.Viewer);
        (await QueueWorld.Work(db).CandidatesAsync(rep, r["R5"])).Select(c => c.Email).Should().Equal(QueueWorld.Rep);
    }

    [Fact]
    public async Task Unassign_AssignedReview_BackToNobody()
    {
        await using var db = Db();
        var rep = await QueueWorld.UserAsync(db, QueueWorld.Rep);
        var r = await QueueWorld.ReviewsAsync(db);
        var work = QueueWorld.Work(db);
        await work.AssignAsync(rep, Someone, r["R4"], rep.UserId);

        (await work.AssignAsync(rep, Someone, r["R4"], null)).Succeeded.Should().BeTrue();

        (await QueueWorld.ListedAsync(db, rep, assignee: "me")).Should().BeEmpty();
        (await QueueWorld.ListedAsync(db, rep, assignee: "none")).Should().Contain("R4");
    }

    private async Task<Outcome> AssignAsAsync(string email, string review, long assignee)
    {
        await using var db = Db();
        var user = await QueueWorld.UserAsync(db, email);
        var r = await QueueWorld.ReviewsAsync(db);
        return await QueueWorld.Work(db).AssignAsync(user, Someone, r[review], assignee);
    }
}
