using BrandPortal.Core.Audit;
using BrandPortal.Core.SavedViews;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Notes;

/// <summary>Saved views: what is stored of a filter, names, and who sees, renames and deletes which view.</summary>
public sealed class SavedViewServiceTests : DemoDatabaseTest
{
    private const string Rep = "rep.two@acme.test", Colleague = "rep.one@acme.test", Viewer = "viewer@acme.test", Globex = "rep@globex.test";

    private SavedViewService Service() => new(Db, TimeProvider.System);

    protected override async Task ArrangeAsync()
    {
        // The account administrator of Acme Trading also works Customer Reviews, so that it can open the views.
        await using var db = Check();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO user_permissions (user_id, permission, level) SELECT id, 'CustomerReviews', 'ViewAndEdit' FROM users WHERE email = 'admin@acme.test'; " +
            "INSERT INTO user_brand_roles (user_id, brand_id, role) SELECT u.id, b.id, 'BrandRepresentative' FROM users u, brands b WHERE u.email = 'admin@acme.test' AND b.external_id = 'B1'");
    }

    public static TheoryData<string, string> Queries => new()
    {
        // query sent, query stored
        { "", "stars=1&stars=2&stars=3" },
        { "?stars=1&period=30d", "stars=1&period=30d" },
        { "period=30d&stars=1&stars=1", "stars=1&period=30d" },
        { "stars=9&contact=sent&sort=LOWEST&q=%20lid%20", "stars=1&stars=2&stars=3&contact=sent&q=lid&sort=lowest" },
        { "stars=2&after=abc&unknown=1&period=12m", "stars=2" },
        { "q=%3Cscript%3E&from=2026-01-01", "stars=1&stars=2&stars=3&from=2026-01-01&q=%3Cscript%3E" },
        { "brand=999999", "stars=1&stars=2&stars=3" },
        { "%zz=1&stars=%ZZ", "stars=1&stars=2&stars=3" },
        { "stars=1&assignee=me&done=include", "stars=1&done=include&assignee=me" },
        { "stars=1&done=only&assignee=none", "stars=1&done=only&assignee=none" },
        { "stars=1&done=hide&assignee=maybe", "stars=1" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Normalize_AnyQuery_StoresTheFilterAsThePageWritesIt(string sent, string stored)
    {
        var rep = await UserAsync(Rep);

        SavedViewQuery.Normalize(sent, rep.RepresentedBrands).Query.Should().Be(stored);
    }

    public static TheoryData<string?, string?, string?> Names => new()
    {
        { " 1★ last 30 days ", "1★ last 30 days", null },
        { "line\r\nbreak", "linebreak", null },
        { new string('n', 80), new string('n', 80), null },
        { new string('n', 81), null, "at most 80 characters" },
        { "  ", null, "Give the view a name" },
        { null, null, "Give the view a name" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void SavedViewName_Check_TrimsOrSaysWhatIsWrong(string? sent, string? stored, string? problem)
    {
        var (name, message) = SavedViewName.Check(sent);

        name.Should().Be(stored);
        if (problem is null) message.Should().BeNull();
        else message.Should().Contain(problem);
    }

    private async Task<long> SaveAsync(string email, string name, SavedViewVisibility visibility, string query = "stars=1&period=30d")
    {
        var user = await UserAsync(email);
        var outcome = await Service().SaveAsync(user, ActorOf(user), name, visibility, query);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        await using var check = Check();
        return await check.SavedViews.Where(v => v.Name == name && v.OwnerUserId == user.UserId).Select(v => v.Id).SingleAsync();
    }

    private async Task<SavedViewList> ListAsync(string email) => (await Service().ListAsync(await UserAsync(email)))!;

    [Fact]
    public async Task List_PrivateSeenByItsOwnerOnly_SharedByTheWholeAccount_NeitherByAnotherAccount()
    {
        await SaveAsync(Rep, "Mine", SavedViewVisibility.Private);
        await SaveAsync(Rep, "Ours", SavedViewVisibility.Shared);
        await SaveAsync(Globex, "Theirs", SavedViewVisibility.Shared);

        var own = await ListAsync(Rep);
        own.Private.Select(v => v.Name).Should().Equal("Mine");
        own.Shared.Select(v => v.Name).Should().Equal("Ours");
        own.Shared[0].Query.Should().Be("stars=1&period=30d");
        own.Shared[0].Description.Should().Contain("1 star").And.Contain("Last 30 days");
        foreach (var colleague in new[] { Colleague, Viewer })
        {
            var theirs = await ListAsync(colleague);
            theirs.Private.Should().BeEmpty();
            theirs.Shared.Select(v => (v.Name, v.OwnerEmail, v.CanChange)).Should().Equal(("Ours", Rep, false));
        }
        (await ListAsync(Globex)).Shared.Select(v => v.Name).Should().Equal("Theirs");
        (await Service().ListAsync(await UserAsync("noperm@acme.test"))).Should().BeNull("Customer Reviews is closed to that user");
        (await Service().ListAsync(await UserAsync("support@brandportal.test"))).Should().BeNull();
    }

    [Fact]
    public async Task Save_SameNameAgain_RefusedPerOwnerForPrivateAndPerAccountForShared()
    {
        await SaveAsync(Rep, "Critical", SavedViewVisibility.Private);
        var rep = await UserAsync(Rep);
        var colleague = await UserAsync(Colleague);

        var again = await Service().SaveAsync(rep, ActorOf(rep), "CRITICAL", SavedViewVisibility.Private, "");
        again.Kind.Should().Be(OutcomeKind.Refused);
        again.Message.Should().Contain("already have a view named");
        (await Service().SaveAsync(colleague, ActorOf(colleague), "Critical", SavedViewVisibility.Private, "")).Succeeded.Should().BeTrue("private names are per owner");
        (await Service().SaveAsync(rep, ActorOf(rep), "Critical", SavedViewVisibility.Shared, "")).Succeeded.Should().BeTrue("shared names are apart from private ones");
        var shared = await Service().SaveAsync(colleague, ActorOf(colleague), "critical ", SavedViewVisibility.Shared, "");
        shared.Kind.Should().Be(OutcomeKind.Refused);
        shared.Message.Should().Contain("account already has a shared view");
        var globex = await UserAsync(Globex);
        (await Service().SaveAsync(globex, ActorOf(globex), "Critical", SavedViewVisibility.Shared, "")).Succeeded.Should().BeTrue("another account's names do not count");
        await using var check = Check();
        (await check.SavedViews.CountAsync()).Should().Be(4);
        (await AuditAsync(AuditActions.SavedViewCreated)).Should().HaveCount(4);
    }

    [Fact]
    public async Task Save_ByViewerOrWithoutAChoiceOfWhoSeesIt_ChangesNothing()
    {
        var viewer = await UserAsync(Viewer);
        var rep = await UserAsync(Rep);

        (await Service().SaveAsync(viewer, ActorOf(viewer), "Mine", SavedViewVisibility.Private, "")).Kind.Should().Be(OutcomeKind.Forbidden);
        var unchosen = await Service().SaveAsync(rep, ActorOf(rep), "Mine", null, "");
        unchosen.Kind.Should().Be(OutcomeKind.Refused);
        unchosen.Message.Should().Contain("Choose who sees the view");
        (await Service().SaveAsync(rep, ActorOf(rep), "Mine", (SavedViewVisibility)7, "")).Kind.Should().Be(OutcomeKind.Refused);
        await using var check = Check();
        (await check.SavedViews.AnyAsync()).Should().BeFalse();
    }

    public static TheoryData<string, bool, OutcomeKind> Changers => new()
    {
        // who renames or deletes a shared view of rep.two, and whether it is their right
        { Rep, true, OutcomeKind.Done },
        { "admin@acme.test", true, OutcomeKind.Done },
        { Colleague, false, OutcomeKind.Refused },
        { Viewer, false, OutcomeKind.Forbidden },
        { Globex, false, OutcomeKind.NotFound },
        { "rep@northwind.test", false, OutcomeKind.NotFound },
    };

    [Theory]
    [MemberData(nameof(Changers))]
    public async Task RenameAndDelete_SharedView_OnlyByItsCreatorOrAnAccountAdministrator(string email, bool allowed, OutcomeKind expected)
    {
        var id = await SaveAsync(Rep, "Ours", SavedViewVisibility.Shared);
        var user = await UserAsync(email);

        var renamed = await Service().RenameAsync(user, ActorOf(user), id, "Renamed");
        renamed.Kind.Should().Be(expected, renamed.Message);
        if (expected == OutcomeKind.Refused) renamed.Message.Should().Contain("Only rep.two@acme.test").And.Contain("Nothing was changed");
        var deleted = await Service().DeleteAsync(user, ActorOf(user), id);
        deleted.Kind.Should().Be(expected, deleted.Message);

        await using var check = Check();
        if (allowed)
        {
            (await check.SavedViews.AnyAsync()).Should().BeFalse();
            var audit = (await AuditAsync(AuditActions.SavedViewRenamed)).Should().ContainSingle().Subject;
            (audit.Before, audit.After).Should().Be(("Ours", "shared “Renamed”: ?stars=1&period=30d"));
            (await AuditAsync(AuditActions.SavedViewDeleted)).Should().ContainSingle();
        }
        else
        {
            (await check.SavedViews.SingleAsync()).Name.Should().Be("Ours");
            (await AuditAsync(AuditActions.SavedViewRenamed)).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task RenameAndDelete_AnotherUsersPrivateView_NotFoundEvenForTheAccountAdministrator()
    {
        var id = await SaveAsync(Rep, "Mine", SavedViewVisibility.Private);

        foreach (var email in new[] { "admin@acme.test", Colleague })
        {
            var user = await UserAsync(email);
            (await Service().RenameAsync(user, ActorOf(user), id, "Taken")).Kind.Should().Be(OutcomeKind.NotFound);
            (await Service().DeleteAsync(user, ActorOf(user), id)).Kind.Should().Be(OutcomeKind.NotFound);
        }
        await using var check = Check();
        (await check.SavedViews.SingleAsync()).Name.Should().Be("Mine");
    }

    [Fact]
    public async Task Audit_PrivateView_NeverNamesItOrItsFilter_TheAccountAdministratorReadsTheLog()
    {
        var id = await SaveAsync(Rep, "PRIVATE-NAME", SavedViewVisibility.Private, "q=PRIVATE-SEARCH");
        var rep = await UserAsync(Rep);
        (await Service().RenameAsync(rep, ActorOf(rep), id, "PRIVATE-RENAMED")).Succeeded.Should().BeTrue();
        (await Service().DeleteAsync(rep, ActorOf(rep), id)).Succeeded.Should().BeTrue();

        await using var check = Check();
        var entries = await check.AuditEntries.Where(a => a.ObjectType == "SavedView").ToListAsync();
        entries.Select(a => a.Action).Should().Equal(AuditActions.SavedViewCreated, AuditActions.SavedViewRenamed, AuditActions.SavedViewDeleted);
        entries.Select(a => a.Before + a.After).Should().AllSatisfy(text => text.Should().NotContain("PRIVATE"));
        entries.Should().AllSatisfy(a => a.SellerAccountId.Should().Be(rep.SellerAccountId));
    }

    [Fact]
    public async Task Rename_ToANameTheOwnerAlreadyUses_Refused()
    {
        await SaveAsync(Rep, "First", SavedViewVisibility.Private);
        var second = await SaveAsync(Rep, "Second", SavedViewVisibility.Private);
        var rep = await UserAsync(Rep);

        var outcome = await Service().RenameAsync(rep, ActorOf(rep), second, "first");

        outcome.Kind.Should().Be(OutcomeKind.Refused);
        await using var check = Check();
        (await check.SavedViews.OrderBy(v => v.Id).Select(v => v.Name).ToListAsync()).Should().Equal("First", "Second");
    }

    [Fact]
    public async Task List_ViewOfABrandTheUserNoLongerRepresents_OpensWithThePagesOwnCheckAndSaysSo()
    {
        var rep = await UserAsync(Rep);
        var b2 = await Db.Brands.Where(b => b.ExternalId == "B2").Select(b => b.Id).SingleAsync();
        await SaveAsync(Rep, "B2 only", SavedViewVisibility.Shared, $"brand={b2}&stars=1");

        var colleague = (await ListAsync(Colleague)).Shared.Single();

        colleague.Problems.Should().ContainSingle().Which.Should().Contain("You do not represent that brand");
        colleague.Query.Should().Be("stars=1", "the filter is parsed again with the colleague's own brands: it never names another brand's reviews");
        rep.RepresentedBrands.Should().Contain(b => b.BrandId == b2);
    }
}
