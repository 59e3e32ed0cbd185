using BrandPortal.Core.Audit;
using BrandPortal.Core.Cases;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Core.Tests.Cases;

/// <summary>
/// Brand Registry cases on the demo data, straight through <see cref="CaseService"/>: registry@acme.test administers
/// Acme, Acme Outdoors and Northwind; admin@acme.test (Acme Trading) holds no brand role; Acme is associated with
/// Acme Trading and Globex Retail, not with Northwind Goods; support@brandportal.test decides.
/// </summary>
public sealed class CaseServiceTests : DemoDatabaseTest
{
    private const string Registry = "registry@acme.test";
    private const string Subject = "admin@acme.test";
    private const string Support = "support@brandportal.test";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));

    private CaseService Cases() => new(Db, _clock, Options.Create(new PortalOptions { BaseUrl = "https://portal.example.com" }));

    private async Task<long> SubmitAsync(string brand = "Acme", string subject = Subject)
    {
        var registry = await UserAsync(Registry);
        var result = await Cases().SubmitAsync(registry, ActorOf(registry), await BrandIdAsync(brand), subject, "Runs our customer care for this brand.");
        result.Succeeded.Should().BeTrue(result.Message);
        return await Db.Cases.AsNoTracking().OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    private async Task<BrandRegistryCase> CaseAsync(long id)
    {
        await using var check = Check();
        return await check.Cases.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<bool> RepresentsAsync(string email, string brand)
    {
        await using var check = Check();
        return await check.UserBrandRoles.AnyAsync(r => check.Users.Any(u => u.Id == r.UserId && u.Email == email) && r.Brand!.Name == brand
            && r.Role == BrandRole.BrandRepresentative);
    }

    [Fact]
    public async Task Submit_BrandAdministratorForUserOfAssociatedAccount_OpensCaseAndAuditsIt()
    {
        var id = await SubmitAsync();

        var stored = await CaseAsync(id);
        stored.State.Should().Be(CaseState.Open);
        stored.Justification.Should().Be("Runs our customer care for this brand.");
        stored.BrandId.Should().Be(await BrandIdAsync("Acme"));
        stored.RequesterUserId.Should().Be((await UserAsync(Registry)).UserId);
        stored.SubjectUserId.Should().Be((await UserAsync(Subject)).UserId);
        var audit = (await AuditAsync(AuditActions.CaseSubmitted)).Should().ContainSingle().Subject;
        audit.ObjectId.Should().Be(CaseService.Number(id));
        audit.After.Should().Be($"Brand Representative of Acme for {Subject}");
        audit.Actor.Should().Be(Registry);
    }

    [Fact]
    public async Task Submit_UserWithoutAdministratorRole_IsForbiddenAndStoresNothing()
    {
        var rep = await UserAsync("rep.two@acme.test");
        var result = await Cases().SubmitAsync(rep, ActorOf(rep), await BrandIdAsync("Acme"), Subject, "I would like a colleague to help.");

        result.Succeeded.Should().BeFalse();
        (await Db.Cases.AnyAsync()).Should().BeFalse();
        (await AuditAsync(AuditActions.CaseSubmitted)).Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_BrandTheRequesterDoesNotAdminister_IsRefusedAndStoresNothing()
    {
        var registry = await UserAsync(Registry);
        var result = await Cases().SubmitAsync(registry, ActorOf(registry), await BrandIdAsync("Globex"), "rep@globex.test", "Please.");

        result.Succeeded.Should().BeFalse();
        result.Message.Should().Be("Choose one of the brands you administer.");
        (await Db.Cases.AnyAsync()).Should().BeFalse();
    }

    [Theory]
    [InlineData("rep@northwind.test")] // a real user, but of Northwind Goods, which Acme is not associated with
    [InlineData("nobody@nowhere.test")]
    public async Task Submit_SubjectNotAUserOfAnAssociatedAccount_IsRefusedWithOneMessageAndStoresNothing(string subject)
    {
        var registry = await UserAsync(Registry);
        var result = await Cases().SubmitAsync(registry, ActorOf(registry), await BrandIdAsync("Acme"), subject, "Runs our customer care.");

        result.Succeeded.Should().BeFalse();
        result.Message.Should().Be($"{subject} is not a user of a seller account associated with Acme. Only users of such accounts can represent the brand.",
            "an unknown email and a user of an unrelated account read the same, so the form reveals nobody's account");
        (await Db.Cases.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Submit_SubjectAlreadyRepresentsTheBrand_IsRefused()
    {
        var registry = await UserAsync(Registry);
        var result = await Cases().SubmitAsync(registry, ActorOf(registry), await BrandIdAsync("Acme"), "rep.one@acme.test", "Again.");

        result.Succeeded.Should().BeFalse();
        result.Message.Should().Be("rep.one@acme.test already represents Acme.");
        (await Db.Cases.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Submit_EmptyJustification_IsRefusedAndStoresNothing()
    {
        var registry = await UserAsync(Registry);
        var result = await Cases().SubmitAsync(registry, ActorOf(registry), await BrandIdAsync("Acme"), Subject, "   ");

        result.Succeeded.Should().BeFalse();
        (await Db.Cases.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Approve_OpenCase_GrantsBrandRepresentativeAuditsBeforeAndAfterAndEmailsTheRequester()
    {
        var id = await SubmitAsync();
        var subjectBefore = await UserAsync(Subject);
        var accessVersion = await Db.Users.AsNoTracking().Where(u => u.Id == subjectBefore.UserId).Select(u => u.AccessVersion).SingleAsync();
        (await RepresentsAsync(Subject, "Acme")).Should().BeFalse();
        var support = await UserAsync(Support);

        var result = await Cases().DecideAsync(support, ActorOf(support), id, approve: true, note: null);

        result.Succeeded.Should().BeTrue(result.Message);
        var stored = await CaseAsync(id);
        stored.State.Should().Be(CaseState.Approved);
        stored.DecidedByUserId.Should().Be(support.UserId);
        stored.DecidedAt.Should().Be(_clock.GetUtcNow());
        (await RepresentsAsync(Subject, "Acme")).Should().BeTrue();
        (await UserAsync(Subject)).Represents(await BrandIdAsync("Acme")).Should().BeTrue("access is read afresh on the subject's next request");
        await using (var check = Check())
            (await check.Users.Where(u => u.Id == subjectBefore.UserId).Select(u => u.AccessVersion).SingleAsync()).Should().Be(accessVersion + 1);

        var decided = (await AuditAsync(AuditActions.CaseDecided)).Should().ContainSingle().Subject;
        (decided.ObjectId, decided.Before, decided.After).Should().Be((CaseService.Number(id), "Open", "Approved"));
        var granted = (await AuditAsync(AuditActions.RoleGranted)).Should().ContainSingle().Subject;
        (granted.ObjectId, granted.Before, granted.After).Should().Be((Subject, "Acme: no role", $"Acme: Brand Representative (case {CaseService.Number(id)})"));
        granted.Actor.Should().Be(Support);

        await using var mail = Check();
        var email = await mail.OutboxEmails.AsNoTracking().SingleAsync(e => e.Kind == EmailKind.CaseDecided);
        email.ToAddress.Should().Be(Registry);
        email.TextBody.Should().Contain("Approved").And.Contain("https://portal.example.com/BrandRegistry/Cases");
    }

    [Fact]
    public async Task Reject_WithoutNote_IsRefusedAndTheCaseStaysOpen()
    {
        var id = await SubmitAsync();
        var support = await UserAsync(Support);

        var result = await Cases().DecideAsync(support, ActorOf(support), id, approve: false, note: "  ");

        result.Succeeded.Should().BeFalse();
        (await CaseAsync(id)).State.Should().Be(CaseState.Open);
        (await AuditAsync(AuditActions.CaseDecided)).Should().BeEmpty();
    }

    [Fact]
    public async Task Reject_WithNote_StoresTheNoteGrantsNothingAndEmailsTheNote()
    {
        var id = await SubmitAsync();
        var support = await UserAsync(Support);

        var result = await Cases().DecideAsync(support, ActorOf(support), id, approve: false, note: "  Send a letter of authorisation.  ");

        result.Succeeded.Should().BeTrue(result.Message);
        var stored = await CaseAsync(id);
        stored.State.Should().Be(CaseState.Rejected);
        stored.DecisionNote.Should().Be("Send a letter of authorisation.");
        (await RepresentsAsync(Subject, "Acme")).Should().BeFalse();
        (await AuditAsync(AuditActions.RoleGranted)).Should().BeEmpty();
        (await AuditAsync(AuditActions.CaseDecided)).Single().After.Should().Be("Rejected: Send a letter of authorisation.");
        await using var mail = Check();
        (await mail.OutboxEmails.AsNoTracking().SingleAsync(e => e.Kind == EmailKind.CaseDecided)).TextBody.Should().Contain("Send a letter of authorisation.");
    }

    [Fact]
    public async Task Decide_CaseAlreadyDecided_IsRefusedAndChangesNothing()
    {
        var id = await SubmitAsync();
        var support = await UserAsync(Support);
        (await Cases().DecideAsync(support, ActorOf(support), id, approve: true, note: null)).Succeeded.Should().BeTrue();
        var first = await CaseAsync(id);
        _clock.Advance(TimeSpan.FromHours(1));

        var again = await Cases().DecideAsync(support, ActorOf(support), id, approve: false, note: "Changed my mind.");

        again.Succeeded.Should().BeFalse();
        again.Message.Should().Contain("already decided (Approved)");
        var stored = await CaseAsync(id);
        (stored.State, stored.DecisionNote, stored.DecidedAt).Should().Be((first.State, first.DecisionNote, first.DecidedAt));
        (await RepresentsAsync(Subject, "Acme")).Should().BeTrue();
        (await AuditAsync(AuditActions.CaseDecided)).Should().ContainSingle();
        await using var mail = Check();
        (await mail.OutboxEmails.CountAsync(e => e.Kind == EmailKind.CaseDecided)).Should().Be(1);
    }

    [Fact]
    public async Task Decide_UserWhoIsNotSupport_IsForbiddenAndTheCaseStaysOpen()
    {
        var id = await SubmitAsync();
        var registry = await UserAsync(Registry);

        var result = await Cases().DecideAsync(registry, ActorOf(registry), id, approve: true, note: null);

        result.Succeeded.Should().BeFalse();
        (await CaseAsync(id)).State.Should().Be(CaseState.Open);
        (await RepresentsAsync(Subject, "Acme")).Should().BeFalse();
    }
}
