using System.Net;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Api;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>
/// Internal notes on the Contact page over HTTP, as the demo's roles: Acme Trading (S1) and Globex Retail (S3) both sell
/// Acme, so both see its reviews, each with its own notes only. Notes are encoded, read at View, written at View and Edit.
/// </summary>
public sealed class NotesPagesTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    /// <summary>A review of Acme by its id, or the one titled "Kettle arrived cracked" (an Acme review of an order Globex sold).</summary>
    private async Task<(long Id, string ExternalId)> ReviewAsync(string externalIdOrTitle)
    {
        await using var db = portal.CreateContext();
        var r = await db.Reviews.Where(x => x.ExternalId == externalIdOrTitle || x.Title == externalIdOrTitle)
            .Select(x => new { x.Id, x.ExternalId }).SingleAsync();
        return (r.Id, r.ExternalId);
    }

    private static string Page(long id) => $"/Brands/Reviews/{id}/Contact";

    private static async Task<HttpResponseMessage> AddAsync(PortalClient client, long id, string text, string? formPage = null)
        => await client.PostFormAsync($"{Page(id)}?handler=AddNote", new Dictionary<string, string> { ["text"] = text }, formPage ?? Page(id));

    private async Task<int> NotesAsync()
    {
        await using var db = portal.CreateContext();
        return await db.ReviewNotes.CountAsync();
    }

    [Fact]
    public async Task AddNote_HostileText_ShownEncodedNewestFirstToTheAccountOnly()
    {
        var (id, _) = await ReviewAsync("Kettle arrived cracked");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        const string hostile = "<script>alert('note')</script> & \"quoted\"";

        (await AddAsync(rep, id, "Older note")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var added = await AddAsync(rep, id, hostile);
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        added.Headers.Location!.OriginalString.Should().Be(Page(id));

        var (_, page) = await rep.GetPageAsync(Page(id));
        page.QuerySelector("[role=status]")!.TextContent.Should().Contain("Your note is saved");
        page.QuerySelectorAll("#note-list .note-text").Select(p => p.TextContent).Should().Equal(hostile, "Older note");
        page.QuerySelector("#note-list .note-author")!.TextContent.Should().Be(DemoUsers.RepTwoBrands);
        page.QuerySelector("#note-help")!.TextContent.Should().Contain("guidelines do not apply");
        (await rep.Http.GetStringAsync(Page(id))).Should().NotContain("<script>alert('note')").And.Contain("&lt;script&gt;alert(");

        using var colleague = await portal.SignInAsync(DemoUsers.RepOneBrand);
        (await colleague.GetPageAsync(Page(id))).Document.QuerySelectorAll("#note-list .note-text").Should().HaveCount(2);
        using var globex = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var (response, theirs) = await globex.GetPageAsync(Page(id));
        response.StatusCode.Should().Be(HttpStatusCode.OK, "Globex Retail sells Acme too");
        theirs.QuerySelector("#notes-none").Should().NotBeNull();
        theirs.Body!.InnerHtml.Should().NotContain("Older note").And.NotContain("alert(");
    }

    [Fact]
    public async Task ContactPage_ViewOnlyUser_SeesTheNotesButCannotAdd_AndAForgedPostIsRefused()
    {
        var (id, _) = await ReviewAsync("R0032");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await AddAsync(rep, id, "Seen by the viewer")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var viewer = await portal.SignInAsync(DemoUsers.Viewer);

        var (response, page) = await viewer.GetPageAsync(Page(id));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#note-list .note-text")!.TextContent.Should().Be("Seen by the viewer");
        page.QuerySelector("#note-form").Should().BeNull();
        page.QuerySelector("#note-list form").Should().BeNull();
        page.QuerySelector("#notes-read-only")!.TextContent.Should().Contain("View and Edit");
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);
        (await AddAsync(viewer, id, "forged")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before);
    }

    [Fact]
    public async Task AddNote_ForgedByAnotherSellerAccountsUserForAnAcmeTradingReview_NotFoundAndNothingStored()
    {
        var (id, _) = await ReviewAsync("Kettle arrived cracked");
        using var northwind = await portal.SignInAsync(DemoUsers.RepAtRisk); // Northwind (S2) does not sell Acme
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);

        var response = await AddAsync(northwind, id, "S2 was here", formPage: "/Brands/Reviews");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("Kettle arrived cracked");
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before);
    }

    [Theory]
    [InlineData("   ", "cannot be empty")]
    [InlineData("x", "at most 2,000 characters")] // made 2,001 characters long below
    public async Task AddNote_EmptyOrTooLong_SaysWhyKeepsTheDraftAndStoresNothing(string text, string message)
    {
        if (text == "x") text = new string('x', 2001);
        var (id, _) = await ReviewAsync("Kettle arrived cracked");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var before = await NotesAsync();

        var response = await AddAsync(rep, id, text);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#note-error")!.TextContent.Should().Contain(message);
        page.QuerySelector("#contact-error").Should().BeNull("a note's problem is shown with the notes");
        page.QuerySelector("#note-text")!.TextContent.Trim().Should().Be(text.Trim(), "the draft stays in the box");
        (await NotesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task DeleteNote_ByAColleague_RefusedAndKept_ByItsAuthor_Deleted()
    {
        var (id, _) = await ReviewAsync("R0130");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await AddAsync(rep, id, "To be deleted")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var noteId = long.Parse((await rep.GetPageAsync(Page(id))).Document.QuerySelector("#note-list li")!.GetAttribute("data-note-id")!,
            System.Globalization.CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string> { ["noteId"] = $"{noteId}" };
        using var colleague = await portal.SignInAsync(DemoUsers.RepOneBrand);

        var refused = await colleague.PostFormAsync($"{Page(id)}?handler=DeleteNote", fields, Page(id));
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector("#note-error")!.TextContent
            .Should().Contain("Only the author of a note can delete it");
        (await rep.GetPageAsync(Page(id))).Document.QuerySelectorAll("#note-list li").Should().HaveCount(1);

        (await rep.PostFormAsync($"{Page(id)}?handler=DeleteNote", fields, Page(id))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await rep.GetPageAsync(Page(id))).Document.QuerySelector("#notes-none").Should().NotBeNull();
    }

    [Fact]
    public async Task CsvExportAndApi_NeverIncludeNotes()
    {
        var (id, externalId) = await ReviewAsync("R0060");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await AddAsync(rep, id, "NOTE-NEVER-EXPORTED")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var csv = await rep.Http.GetStringAsync("/Brands/Reviews?handler=Csv&period=all&stars=1&stars=2&stars=3&stars=4&stars=5");
        using var api = portal.ApiClient(await portal.CreateKeyAsync("S1", "reviews:read"));
        var one = await api.GetStringAsync($"/api/v1/reviews/{externalId}");
        var list = await api.GetStringAsync("/api/v1/reviews?period=all");

        csv.Split('\n').Should().Contain(line => line.StartsWith($"{id},", StringComparison.Ordinal), "the review itself is exported");
        csv.Should().NotContain("NOTE-NEVER-EXPORTED");
        one.Should().Contain(externalId).And.NotContain("NOTE-NEVER-EXPORTED");
        list.Should().NotContain("NOTE-NEVER-EXPORTED");
    }
}
