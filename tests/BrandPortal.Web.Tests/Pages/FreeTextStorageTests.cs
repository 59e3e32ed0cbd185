using System.Globalization;
using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages;

/// <summary>
/// Every free text a person types goes through one normaliser before it is stored: text of only invisible characters
/// is refused with the field's own message and nothing is written; control characters (ESC, BEL, SOH) are removed.
/// Brand answers, customer replies, case justifications and decision notes, over real HTTP into real PostgreSQL.
/// </summary>
public sealed class FreeTextStorageTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private const string ZeroWidthSpace = "\u200B";
    private const string WithControls = "\u001B[31mThe new lid\u0007 is on its way.\u0001";
    private const string Cleaned = "[31mThe new lid is on its way.";

    [Fact]
    public async Task BrandAnswer_OnlyZeroWidthSpace_IsRefusedAndNothingStored()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var response = await rep.PostFormAsync($"/Brands/Messages/{threadId}", new Dictionary<string, string> { ["Answer"] = ZeroWidthSpace + "\u200D\u2060" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Write an answer before sending.");
        await using var db = portal.CreateContext();
        (await db.ThreadMessages.AnyAsync(m => m.ThreadId == threadId && m.Sender == MessageSender.Brand)).Should().BeFalse();
    }

    [Fact]
    public async Task BrandAnswer_WithEscBelSoh_IsStoredWithoutThem()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0289");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var response = await rep.PostFormAsync($"/Brands/Messages/{threadId}", new Dictionary<string, string> { ["Answer"] = WithControls });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = portal.CreateContext();
        (await db.ThreadMessages.Where(m => m.ThreadId == threadId && m.Sender == MessageSender.Brand).Select(m => m.Body).SingleAsync())
            .Should().Be(Cleaned);
    }

    [Fact]
    public async Task CustomerReply_OnlyZeroWidthSpace_IsRefusedAndNothingStored()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0338", ContactReason.CustomerSupport);
        var response = await ReplyAsync(contactId, ZeroWidthSpace + "\u00AD");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Write a reply before sending.");
        await using var db = portal.CreateContext();
        (await db.Threads.AnyAsync(t => t.ContactId == contactId)).Should().BeFalse();
        (await db.Contacts.Where(c => c.Id == contactId).Select(c => c.SupportAnswer).SingleAsync()).Should().Be(SupportAnswer.None);
    }

    [Fact]
    public async Task CustomerReply_WithEscBelSoh_IsStoredWithoutThem()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        (await ReplyAsync(contactId, "Line one\r\n" + WithControls)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using var db = portal.CreateContext();
        (await db.ThreadMessages.Where(m => m.Sender == MessageSender.Customer && db.Threads.Any(t => t.Id == m.ThreadId && t.ContactId == contactId))
                .OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync())
            .Should().Be("Line one\n" + Cleaned, "CR LF becomes LF; line breaks stay");
    }

    [Fact]
    public async Task CaseJustification_OnlyZeroWidthSpace_IsRefusedAndNoCaseOpened()
    {
        var before = await CaseCountAsync();
        var response = await SubmitCaseAsync("Acme Outdoors", DemoUsers.Viewer, ZeroWidthSpace + "\u202E");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Explain why this user needs Brand Representative access");
        (await CaseCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task CaseJustificationAndDecisionNote_WithEscBelSoh_AreStoredWithoutThem()
    {
        (await SubmitCaseAsync("Northwind", DemoUsers.RepOneBrand, WithControls)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        long caseId;
        await using (var db = portal.CreateContext())
            caseId = await db.Cases.Where(c => c.Justification == Cleaned).Select(c => c.Id).SingleAsync();

        using var support = await portal.SignInAsync(DemoUsers.Support);
        var blank = await DecideAsync(support, caseId, ZeroWidthSpace + "\uFEFF");
        (await blank.Content.ReadAsStringAsync()).Should().Contain("Write a note");
        await using (var db = portal.CreateContext())
            (await db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync()).Should().Be(CaseState.Open, "a note of only invisible characters is no note");

        (await DecideAsync(support, caseId, "Not\u0007 registered\u001B yet.\u0001")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var after = portal.CreateContext();
        var row = await after.Cases.SingleAsync(c => c.Id == caseId);
        row.State.Should().Be(CaseState.Rejected);
        row.DecisionNote.Should().Be("Not registered yet.");
        (await after.AuditEntries.Where(a => a.ObjectId == $"BR-{caseId:D5}" && a.Action == "CaseDecided").Select(a => a.After).SingleAsync())
            .Should().Be("Rejected: Not registered yet.");
    }

    private async Task<HttpResponseMessage> ReplyAsync(long contactId, string reply)
    {
        using var customer = await portal.SignInAsync(DemoUsers.Customer);
        var url = $"/YourAccount/MessageCenter/{contactId}";
        return await customer.PostFormAsync($"{url}?handler=Reply", new Dictionary<string, string> { ["Reply"] = reply }, url);
    }

    private async Task<HttpResponseMessage> SubmitCaseAsync(string brand, string subjectEmail, string justification)
    {
        using var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        long brandId;
        await using (var db = portal.CreateContext())
            brandId = await db.Brands.Where(b => b.Name == brand).Select(b => b.Id).SingleAsync();
        return await registry.PostFormAsync("/BrandRegistry/Cases", new Dictionary<string, string>
        {
            ["BrandId"] = brandId.ToString(CultureInfo.InvariantCulture), ["UserEmail"] = subjectEmail, ["Justification"] = justification,
        });
    }

    private static Task<HttpResponseMessage> DecideAsync(PortalClient client, long caseId, string note)
        => client.PostFormAsync("/Support/Cases", new Dictionary<string, string>
        {
            ["caseId"] = caseId.ToString(CultureInfo.InvariantCulture), ["decision"] = "reject", ["note"] = note,
        }, "/Account/Login");

    private async Task<int> CaseCountAsync()
    {
        await using var db = portal.CreateContext();
        return await db.Cases.CountAsync();
    }
}
