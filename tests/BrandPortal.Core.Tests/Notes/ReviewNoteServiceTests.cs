using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Notes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Notes;

/// <summary>Internal notes: the text rules, and who reads, adds and deletes a note of which seller account.</summary>
public sealed class ReviewNoteServiceTests : DemoDatabaseTest
{
    public static TheoryData<string?, string?, string?> Texts => new()
    {
        // text sent, text stored, problem (a part of the message)
        { "  Called the warehouse.  ", "Called the warehouse.", null },
        { "Line one\r\nLine two\tend", "Line one\r\nLine two\tend", null },
        { "Null\0byte\u0007bell", "Nullbytebell", null },
        { "<script>alert(1)</script>", "<script>alert(1)</script>", null },
        { "Ask them to remove the review", "Ask them to remove the review", null }, // the guidelines do not apply to notes
        { new string('a', ReviewNote.MaxLength), new string('a', ReviewNote.MaxLength), null },
        { new string('a', ReviewNote.MaxLength + 1), null, "at most 2,000 characters" },
        { "   ", null, "cannot be empty" },
        { "\0\u0001", null, "cannot be empty" },
        { null, null, "cannot be empty" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void NoteText_Check_StoresTrimmedTextOrSaysWhatIsWrong(string? sent, string? stored, string? problem)
    {
        var (text, message) = NoteText.Check(sent);

        text.Should().Be(stored);
        if (problem is null) message.Should().BeNull();
        else message.Should().Contain(problem);
    }

    private async Task<long> ReviewAsync(string title) => await Db.Reviews.Where(r => r.Title == title).Select(r => r.Id).SingleAsync();

    /// <summary>An Acme review: Acme (B1) is sold by Acme Trading (S1) and Globex Retail (S3).</summary>
    private Task<long> AcmeReviewAsync() => ReviewAsync("Kettle arrived cracked");

    private ReviewNoteService Service() => new(Db, TimeProvider.System);

    [Fact]
    public async Task Add_ByRepresentativeAtViewAndEdit_StoresTheNoteAndAuditsItWithoutItsText()
    {
        var rep = await UserAsync("rep.two@acme.test");
        var review = await AcmeReviewAsync();

        var outcome = await Service().AddAsync(rep, ActorOf(rep), review, "  AUDIT-MUST-NOT-HOLD-THIS  ");

        outcome.Succeeded.Should().BeTrue(outcome.Message);
        await using var check = Check();
        var note = await check.ReviewNotes.SingleAsync();
        (note.ReviewId, note.SellerAccountId, note.AuthorUserId, note.Text).Should().Be((review, rep.SellerAccountId!.Value, rep.UserId, "AUDIT-MUST-NOT-HOLD-THIS"));
        var audit = (await AuditAsync(AuditActions.NoteAdded)).Should().ContainSingle().Subject;
        (audit.SellerAccountId, audit.ObjectType, audit.ObjectId).Should().Be((rep.SellerAccountId, "Review", review.ToString()));
        (audit.Before + audit.After).Should().NotContain("AUDIT-MUST-NOT-HOLD-THIS").And.Contain($"note {note.Id}");
    }

    [Fact]
    public async Task Load_SameReviewByAnotherSellerAccountSellingTheBrand_ShowsOnlyThatAccountsNotes()
    {
        var acme = await UserAsync("rep.two@acme.test");
        var globex = await UserAsync("rep@globex.test");
        var review = await AcmeReviewAsync();
        (await Service().AddAsync(acme, ActorOf(acme), review, "Acme Trading's note")).Succeeded.Should().BeTrue();
        (await Service().AddAsync(globex, ActorOf(globex), review, "Globex Retail's note")).Succeeded.Should().BeTrue();

        var seenByAcme = await Service().LoadAsync(acme, review);
        var seenByGlobex = await Service().LoadAsync(globex, review);
        var seenByColleague = await Service().LoadAsync(await UserAsync("viewer@acme.test"), review);

        seenByAcme!.Notes.Select(n => n.Text).Should().Equal("Acme Trading's note");
        seenByGlobex!.Notes.Select(n => n.Text).Should().Equal("Globex Retail's note");
        seenByColleague!.Notes.Select(n => n.Text).Should().Equal("Acme Trading's note");
        seenByColleague.CanAdd.Should().BeFalse("the viewer holds Customer Reviews at View");
        seenByColleague.Notes[0].CanDelete.Should().BeFalse("only the author deletes a note");
        seenByAcme.Notes[0].CanDelete.Should().BeTrue();
    }

    [Fact]
    public async Task Load_NewestFirst()
    {
        var rep = await UserAsync("rep.two@acme.test");
        var review = await AcmeReviewAsync();
        foreach (var text in new[] { "first", "second", "third" })
            (await Service().AddAsync(rep, ActorOf(rep), review, text)).Succeeded.Should().BeTrue();

        var notes = await Service().LoadAsync(rep, review);

        notes!.Notes.Select(n => n.Text).Should().Equal("third", "second", "first");
        notes.Count.Should().Be(3);
    }

    public static TheoryData<string, string> Outsiders => new()
    {
        { "rep@northwind.test", "another seller account that does not sell the brand" },
        { "rep.northwind@acme.test", "a colleague who does not represent the brand" },
        { "noperm@acme.test", "a colleague without the Customer Reviews permission" },
        { "support@brandportal.test", "Brand Registry Support" },
        { "jane@example.test", "a customer" },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task LoadAndAdd_ByUserWhoCannotSeeTheReview_NotFoundAndNothingStored(string email, string who)
    {
        var review = await AcmeReviewAsync();
        var rep = await UserAsync("rep.two@acme.test");
        (await Service().AddAsync(rep, ActorOf(rep), review, "private")).Succeeded.Should().BeTrue();
        var outsider = await UserAsync(email);

        (await Service().LoadAsync(outsider, review)).Should().BeNull(who);
        (await Service().AddAsync(outsider, ActorOf(outsider), review, "intruder")).Kind.Should().Be(OutcomeKind.NotFound, who);
        await using var check = Check();
        (await check.ReviewNotes.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Add_ByViewer_ForbiddenAndNothingStored()
    {
        var viewer = await UserAsync("viewer@acme.test");

        var outcome = await Service().AddAsync(viewer, ActorOf(viewer), await AcmeReviewAsync(), "a note");

        outcome.Kind.Should().Be(OutcomeKind.Forbidden);
        await using var check = Check();
        (await check.ReviewNotes.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_ByAuthor_RemovesItAndAudits_ByColleague_RefusedWithTheAuthorsName()
    {
        var author = await UserAsync("rep.two@acme.test");
        var colleague = await UserAsync("rep.one@acme.test");
        var review = await AcmeReviewAsync();
        (await Service().AddAsync(author, ActorOf(author), review, "mine")).Succeeded.Should().BeTrue();
        long noteId;
        await using (var check = Check()) noteId = await check.ReviewNotes.Select(n => n.Id).SingleAsync();

        var refused = await Service().DeleteAsync(colleague, ActorOf(colleague), review, noteId);
        refused.Kind.Should().Be(OutcomeKind.Refused);
        refused.Message.Should().Contain("Only the author").And.Contain("rep.two@acme.test");
        (await Service().DeleteAsync(author, ActorOf(author), review + 1, noteId)).Kind.Should().Be(OutcomeKind.NotFound, "the note belongs to another review");
        var globex = await UserAsync("rep@globex.test");
        (await Service().DeleteAsync(globex, ActorOf(globex), review, noteId)).Kind.Should().Be(OutcomeKind.NotFound);
        await using (var check = Check()) (await check.ReviewNotes.CountAsync()).Should().Be(1);

        (await Service().DeleteAsync(author, ActorOf(author), review, noteId)).Succeeded.Should().BeTrue();
        await using (var check = Check()) (await check.ReviewNotes.AnyAsync()).Should().BeFalse();
        (await AuditAsync(AuditActions.NoteDeleted)).Should().ContainSingle().Which.Before.Should().Be($"note {noteId}");
    }
}
