using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages.Admin;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.BrandRegistry.Cases;

public sealed class CasesTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Submit_ThenApprove_GrantsRoleOnSubjectsNextRequest_AndEmailsRequester()
    {
        // viewer@acme.test represents Acme only; the case asks for Acme Outdoors.
        var viewer = await portal.SignInAsync(DemoUsers.Viewer);
        (await portal.AccessAsync(DemoUsers.Viewer)).Represents(await BrandIdAsync("Acme Outdoors")).Should().BeFalse();

        var caseId = await SubmitAsync("Acme Outdoors", DemoUsers.Viewer, "Viewer handles the outdoor range from May on.");
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        var (_, mine) = await registry.GetPageAsync("/BrandRegistry/Cases");
        mine.QuerySelector("#cases")!.TextContent.Should().Contain("Acme Outdoors").And.Contain(DemoUsers.Viewer).And.Contain("Open");

        var support = await portal.SignInAsync(DemoUsers.Support);
        var (_, queue) = await support.GetPageAsync("/Support/Cases");
        queue.QuerySelector($"#case-{caseId}")!.TextContent.Should().Contain("Viewer handles the outdoor range");
        var decided = await DecideAsync(support, caseId, "approve", "Checked with the brand owner.");
        decided.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await portal.AccessAsync(DemoUsers.Viewer)).Represents(await BrandIdAsync("Acme Outdoors")).Should().BeTrue();
        (await viewer.GetPageAsync("/Brands")).Document.QuerySelector("table")!.TextContent.Should().Contain("Acme Outdoors");
        (await registry.GetPageAsync("/BrandRegistry/Cases")).Document.QuerySelector("#cases")!.TextContent
            .Should().Contain("Approved").And.Contain("Checked with the brand owner.");

        await using var db = portal.CreateContext();
        var row = await db.Cases.SingleAsync(c => c.Id == caseId);
        row.State.Should().Be(CaseState.Approved);
        row.DecidedByUserId.Should().Be(await portal.UserIdAsync(DemoUsers.Support));
        var mail = await db.OutboxEmails.SingleAsync(o => o.MessageId == $"case-{caseId}-decided@brandportal");
        mail.ToAddress.Should().Be(DemoUsers.RegistryAdmin);
        mail.Subject.Should().Be($"Brand Registry case BR-{caseId:D5}: Approved");
        mail.TextBody.Should().Contain("http://127.0.0.1:5080/BrandRegistry/Cases").And.Contain("Checked with the brand owner.");
        var actions = await db.AuditEntries.Where(a => a.ObjectId == $"BR-{caseId:D5}" || (a.Action == "RoleGranted" && a.ObjectId == DemoUsers.Viewer))
            .Select(a => a.Action).ToListAsync();
        actions.Should().BeEquivalentTo(["CaseSubmitted", "CaseDecided", "RoleGranted"]);
    }

    [Fact]
    public async Task Reject_GrantsNothing_NeedsNote_AndCannotBeDecidedTwice()
    {
        var brandId = await BrandIdAsync("Northwind");
        var caseId = await SubmitAsync("Northwind", DemoUsers.RepOneBrand, "Needs Northwind too.");
        var support = await portal.SignInAsync(DemoUsers.Support);

        var noNote = await DecideAsync(support, caseId, "reject", "");
        (await noNote.Content.ReadAsStringAsync()).Should().Contain("Write a note");
        (await StateAsync(caseId)).Should().Be(CaseState.Open);

        (await DecideAsync(support, caseId, "reject", "Northwind is not registered yet.")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StateAsync(caseId)).Should().Be(CaseState.Rejected);
        (await portal.AccessAsync(DemoUsers.RepOneBrand)).Represents(brandId).Should().BeFalse();

        var second = await DecideAsync(support, caseId, "approve", "Changed my mind.");
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).Should().Contain("already decided");
        (await StateAsync(caseId)).Should().Be(CaseState.Rejected);
        (await portal.AccessAsync(DemoUsers.RepOneBrand)).Represents(brandId).Should().BeFalse();
        await using var db = portal.CreateContext();
        (await db.OutboxEmails.CountAsync(o => o.MessageId == $"case-{caseId}-decided@brandportal")).Should().Be(1);
        (await db.AuditEntries.CountAsync(a => a.Action == "CaseDecided" && a.ObjectId == $"BR-{caseId:D5}")).Should().Be(1);
    }

    [Fact]
    public async Task Decide_TwoDecisionsAtOnce_OnlyOneWins()
    {
        var caseId = await SubmitAsync("Acme", DemoUsers.RegistryAdmin, "Registry administrator also answers reviews.");
        var a = await portal.SignInAsync(DemoUsers.Support);
        var b = await portal.SignInAsync(DemoUsers.Support);
        var tokenA = await a.AntiforgeryTokenAsync("/Support/Cases");
        var tokenB = await b.AntiforgeryTokenAsync("/Support/Cases");
        var results = await Task.WhenAll(
            Post(a, tokenA, "approve", "first"), Post(b, tokenB, "reject", "second"),
            Post(a, tokenA, "reject", "third"), Post(b, tokenB, "approve", "fourth"));
        results.Count(r => r == HttpStatusCode.Redirect).Should().Be(1);
        results.Count(r => r == HttpStatusCode.Conflict).Should().Be(3);
        await using var db = portal.CreateContext();
        (await db.AuditEntries.CountAsync(x => x.Action == "CaseDecided" && x.ObjectId == $"BR-{caseId:D5}")).Should().Be(1);

        async Task<HttpStatusCode> Post(PortalClient client, string token, string decision, string note)
            => (await client.Http.PostAsync("/Support/Cases", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["caseId"] = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = decision, ["note"] = note,
                ["__RequestVerificationToken"] = token,
            }))).StatusCode;
    }

    [Fact]
    public async Task Submit_SixAtOnceForTheSameUserAndBrand_OpensOneCase_OthersSayItIsOpen_SupportApprovesOnce()
    {
        var brandId = await BrandIdAsync("Northwind");
        var subjectId = await portal.UserIdAsync(DemoUsers.AccountAdmin); // represents no brand
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        var token = await registry.AntiforgeryTokenAsync("/BrandRegistry/Cases");
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => registry.Http.PostAsync("/BrandRegistry/Cases",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["BrandId"] = brandId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["UserEmail"] = DemoUsers.AccountAdmin, ["Justification"] = $"Racing submission {i}.", ["__RequestVerificationToken"] = token,
            }))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).Should().Be(1);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            loser.StatusCode.Should().Be(HttpStatusCode.OK);
            (await loser.Content.ReadAsStringAsync()).Should().Contain($"A case for {DemoUsers.AccountAdmin} and Northwind is already open");
        }
        long caseId;
        await using (var db = portal.CreateContext())
        {
            var cases = await db.Cases.Where(c => c.BrandId == brandId && c.SubjectUserId == subjectId).Select(c => c.Id).ToListAsync();
            cases.Should().ContainSingle();
            caseId = cases[0];
        }

        var support = await portal.SignInAsync(DemoUsers.Support);
        (await DecideAsync(support, caseId, "approve", "One case, one grant.")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await DecideAsync(support, caseId, "approve", "Again.")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        await using var after = portal.CreateContext();
        (await after.AuditEntries.CountAsync(a => a.Action == "RoleGranted" && a.ObjectId == DemoUsers.AccountAdmin)).Should().Be(1);
        (await after.UserBrandRoles.CountAsync(r => r.UserId == subjectId && r.BrandId == brandId)).Should().Be(1);
    }

    [Theory]
    [InlineData("Acme", "rep@northwind.test", "x", "not a user of a seller account associated with Acme")]
    [InlineData("Acme", "nobody@nowhere.test", "x", "not a user of a seller account associated with Acme")]
    [InlineData("Acme", DemoUsers.RepOneBrand, "x", "already represents Acme")]
    [InlineData("Acme", DemoUsers.NoPermission, "", "Explain why")]
    [InlineData("Acme", DemoUsers.NoPermission, "LONG", "keep it to 2000")]
    public async Task Submit_InvalidRequest_SaysWhyAndCreatesNothing(string brand, string email, string justification, string message)
    {
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        var before = await CountAsync();
        var response = await registry.PostFormAsync("/BrandRegistry/Cases", new Dictionary<string, string>
        {
            ["BrandId"] = (await BrandIdAsync(brand)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["UserEmail"] = email, ["Justification"] = justification == "LONG" ? new string('j', 2001) : justification,
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#error")!.TextContent.Should().Contain(message);
        (await CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Submit_ForBrandNotAdministered_IsRefused()
    {
        // registry@acme.test administers Acme, Acme Outdoors and Northwind, not Globex.
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        var before = await CountAsync();
        var response = await registry.PostFormAsync("/BrandRegistry/Cases", new Dictionary<string, string>
        {
            ["BrandId"] = (await BrandIdAsync("Globex")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["UserEmail"] = DemoUsers.NoPermission, ["Justification"] = "Please.",
        });
        (await response.Content.ReadAsStringAsync()).Should().Contain("Choose one of the brands you administer");
        (await CountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(DemoUsers.RepTwoBrands)]
    [InlineData(DemoUsers.AccountAdmin)]
    [InlineData(DemoUsers.Viewer)]
    [InlineData(DemoUsers.Support)]
    [InlineData(DemoUsers.Customer)]
    public async Task CasesPage_WithoutBrandAdministratorRole_IsRefused(string email)
    {
        var client = await portal.SignInAsync(email);
        (await client.Http.GetAsync("/BrandRegistry/Cases")).ShouldBeRefused();
        var before = await CountAsync();
        (await client.PostFormAsync("/BrandRegistry/Cases", new Dictionary<string, string>
        {
            ["BrandId"] = (await BrandIdAsync("Acme")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["UserEmail"] = DemoUsers.NoPermission, ["Justification"] = "Please.",
        }, "/Account/Login")).ShouldBeRefused();
        (await CountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(DemoUsers.RegistryAdmin)]
    [InlineData(DemoUsers.AccountAdmin)]
    [InlineData(DemoUsers.OtherTenantAdmin)]
    [InlineData(DemoUsers.Customer)]
    public async Task SupportCases_NonSupport_IsRefusedAndDecidesNothing(string email)
    {
        var caseId = await SubmitAsync("Acme Outdoors", DemoUsers.NoPermission, $"Case for {email}.");
        var client = await portal.SignInAsync(email);
        (await client.Http.GetAsync("/Support/Cases")).ShouldBeRefused();
        (await DecideAsync(client, caseId, "approve", "", "/Account/Login")).ShouldBeRefused();
        (await StateAsync(caseId)).Should().Be(CaseState.Open);
        var support = await portal.SignInAsync(DemoUsers.Support);
        (await DecideAsync(support, caseId, "reject", "Cleaning up after the test.")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private async Task<long> SubmitAsync(string brand, string subjectEmail, string justification)
    {
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        var response = await registry.PostFormAsync("/BrandRegistry/Cases", new Dictionary<string, string>
        {
            ["BrandId"] = (await BrandIdAsync(brand)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["UserEmail"] = subjectEmail, ["Justification"] = justification,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        await using var db = portal.CreateContext();
        return await db.Cases.Where(c => c.Justification == justification).Select(c => c.Id).SingleAsync();
    }

    private static Task<HttpResponseMessage> DecideAsync(PortalClient client, long caseId, string decision, string note, string formPage = "/Account/Login")
        => client.PostFormAsync("/Support/Cases", new Dictionary<string, string>
        {
            ["caseId"] = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = decision, ["note"] = note,
        }, formPage);

    private async Task<long> BrandIdAsync(string name)
    {
        await using var db = portal.CreateContext();
        return await db.Brands.Where(b => b.Name == name).Select(b => b.Id).SingleAsync();
    }

    private async Task<CaseState> StateAsync(long caseId)
    {
        await using var db = portal.CreateContext();
        return await db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = portal.CreateContext();
        return await db.Cases.CountAsync();
    }
}
