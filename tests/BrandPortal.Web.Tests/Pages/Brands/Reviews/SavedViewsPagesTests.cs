using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>
/// Saved views over HTTP, as the demo's roles: saved from Customer Reviews' filter panel, listed there as links that
/// open the filtered page, renamed and deleted on /Brands/Reviews/Views. Names are encoded; a shared view is changed
/// only by its creator or an account administrator; nothing crosses seller accounts.
/// </summary>
public sealed class SavedViewsPagesTests(DemoPortal portal) : IClassFixture<DemoPortal>, IAsyncLifetime
{
    private const string Views = "/Brands/Reviews/Views";

    public async Task InitializeAsync()
    {
        // Acme Trading's account administrator also works Customer Reviews here, so that it can open the views.
        await TestPostgres.ExecuteAsync(portal.ConnectionString,
            "INSERT INTO user_permissions (user_id, permission, level) SELECT id, 'CustomerReviews', 'ViewAndEdit' FROM users WHERE email = 'admin@acme.test' ON CONFLICT DO NOTHING; " +
            "INSERT INTO user_brand_roles (user_id, brand_id, role) SELECT u.id, b.id, 'BrandRepresentative' FROM users u, brands b " +
            "WHERE u.email = 'admin@acme.test' AND b.external_id = 'B1' ON CONFLICT DO NOTHING");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Task<HttpResponseMessage> SaveAsync(PortalClient client, string name, string visibility, string query)
        => client.PostFormAsync($"{Views}?handler=Save", new Dictionary<string, string> { ["name"] = name, ["visibility"] = visibility, ["query"] = query }, Views);

    private async Task<long> ViewIdAsync(string name)
    {
        await using var db = portal.CreateContext();
        return await db.SavedViews.Where(v => v.Name == name).Select(v => v.Id).SingleAsync();
    }

    [Fact]
    public async Task FilterPanel_SaveTheCurrentFilterShared_ListsItEncodedAsALinkThatOpensTheFilteredPage()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, filtered) = await rep.GetPageAsync("/Brands/Reviews?period=30d&stars=1&after=");
        var form = filtered.QuerySelector("#save-view")!;
        form.GetAttribute("action").Should().Be($"{Views}?handler=Save");
        form.QuerySelector("input[name=query]")!.GetAttribute("value").Should().Be("stars=1&period=30d");
        const string name = "<b>1★</b> & \"last\" 30 days";

        var saved = await SaveAsync(rep, name, "Shared", "stars=1&period=30d");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var (_, list) = await rep.GetPageAsync("/Brands/Reviews");
        var link = list.QuerySelectorAll("#saved-view-links a").Should().ContainSingle(a => a.TextContent == name).Subject;
        link.GetAttribute("href").Should().Be("/Brands/Reviews?stars=1&period=30d");
        (await rep.Http.GetStringAsync("/Brands/Reviews")).Should().NotContain("<b>1★</b>");
        var (_, opened) = await rep.GetPageAsync(link.GetAttribute("href")!);
        opened.QuerySelector("#filter-summary")!.TextContent.Should().Contain("1 star").And.Contain("Last 30 days");
        using var colleague = await portal.SignInAsync(DemoUsers.Viewer);
        (await colleague.GetPageAsync("/Brands/Reviews")).Document.QuerySelectorAll("#saved-view-links a").Select(a => a.TextContent).Should().Contain(name);
        using var globex = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        (await globex.Http.GetStringAsync("/Brands/Reviews")).Should().NotContain("last&quot; 30 days").And.NotContain("\"last\" 30 days");
        (await globex.Http.GetStringAsync(Views)).Should().NotContain("30 days&quot;").And.NotContain("last&quot;");
    }

    [Fact]
    public async Task Save_PrivateView_SeenByItsOwnerOnly_AndTheRawQueryIsStoredNormalized()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        (await SaveAsync(rep, "Private lid search", "Private", "q=lid&stars=2&stars=2&bogus=<script>&after=xyz")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using (var db = portal.CreateContext())
            (await db.SavedViews.Where(v => v.Name == "Private lid search").Select(v => v.Query).SingleAsync()).Should().Be("stars=2&q=lid");
        (await rep.GetPageAsync(Views)).Document.QuerySelector("#private-views")!.TextContent.Should().Contain("Private lid search");
        foreach (var other in new[] { DemoUsers.RepOneBrand, DemoUsers.OtherTenantRep })
        {
            using var client = await portal.SignInAsync(other);
            (await client.Http.GetStringAsync(Views)).Should().NotContain("Private lid search");
            (await client.Http.GetStringAsync("/Brands/Reviews")).Should().NotContain("Private lid search");
        }
    }

    [Fact]
    public async Task Save_NameTakenOrMissingChoice_SaysWhyAndKeepsTheDraft()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await SaveAsync(rep, "Taken name", "Private", "")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var again = await SaveAsync(rep, "taken NAME", "Private", "stars=1");
        var noChoice = await SaveAsync(rep, "Fresh name", "Everyone", "stars=1");

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await again.Content.ReadAsStringAsync());
        page.QuerySelector("#views-error")!.TextContent.Should().Contain("You already have a view named “taken NAME”");
        page.QuerySelector("#save-name")!.GetAttribute("value").Should().Be("taken NAME");
        page.QuerySelector("#save-description")!.TextContent.Should().Contain("1 star");
        (await PortalClient.ParseAsync(await noChoice.Content.ReadAsStringAsync())).QuerySelector("#views-error")!.TextContent
            .Should().Contain("Choose who sees the view");
        await using var db = portal.CreateContext();
        (await db.SavedViews.CountAsync(v => v.Name == "Fresh name" || v.Name == "taken NAME")).Should().Be(0);
    }

    [Fact]
    public async Task DeleteSharedView_ByAColleagueWhoDidNotMakeIt_RefusedNothingChanged_ByTheAccountAdministrator_Deleted()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await SaveAsync(rep, "Team queue", "Shared", "contact=none")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = await ViewIdAsync("Team queue");
        var fields = new Dictionary<string, string> { ["viewId"] = $"{id}" };
        using var colleague = await portal.SignInAsync(DemoUsers.RepOneBrand);
        var (_, theirs) = await colleague.GetPageAsync(Views);
        theirs.QuerySelector($"[data-view-id='{id}'] form").Should().BeNull("the colleague is offered no rename or delete");
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);

        var refused = await colleague.PostFormAsync($"{Views}?handler=Delete", fields, Views);
        var renameRefused = await colleague.PostFormAsync($"{Views}?handler=Rename",
            new Dictionary<string, string> { ["viewId"] = $"{id}", ["name"] = "Hijacked" }, Views);

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector("#views-error")!.TextContent
            .Should().Contain($"Only {DemoUsers.RepTwoBrands}").And.Contain("or an account administrator can delete it");
        renameRefused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before);

        using var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        (await admin.GetPageAsync(Views)).Document.QuerySelectorAll($"[data-view-id='{id}'] form").Should().HaveCount(2);
        var deleted = await admin.PostFormAsync($"{Views}?handler=Delete", fields, Views);
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(Views)).Document.QuerySelector("#views-notice")!.TextContent.Should().Contain("“Team queue” is deleted");
        await using var db = portal.CreateContext();
        (await db.SavedViews.AnyAsync(v => v.Id == id)).Should().BeFalse();
        (await db.AuditEntries.Where(a => a.Action == "SavedViewDeleted" && a.ObjectId == $"{id}").Select(a => a.Actor).SingleAsync()).Should().Be(DemoUsers.AccountAdmin);
    }

    [Fact]
    public async Task RenameView_ByItsOwner_ShowsTheNewNameEncoded()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepOneBrand);
        (await SaveAsync(rep, "Before rename", "Private", "stars=3")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = await ViewIdAsync("Before rename");

        var renamed = await rep.PostFormAsync($"{Views}?handler=Rename",
            new Dictionary<string, string> { ["viewId"] = $"{id}", ["name"] = "<img src=x onerror=alert(1)>" }, Views);

        renamed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = await rep.Http.GetStringAsync(Views);
        html.Should().NotContain("<img src=x").And.Contain("&lt;img src=x onerror=alert(1)&gt;");
    }

    [Fact]
    public async Task ViewsPage_ViewOnlyUser_SeesSharedViewsWithoutForms_AndAForgedSaveIsRefused()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await SaveAsync(rep, "Shared for viewers", "Shared", "stars=2")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var viewer = await portal.SignInAsync(DemoUsers.Viewer);

        var (response, page) = await viewer.GetPageAsync(Views);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#shared-views")!.TextContent.Should().Contain("Shared for viewers");
        page.QuerySelector("#save-view-form").Should().BeNull();
        page.QuerySelector("#views-read-only").Should().NotBeNull();
        (await viewer.GetPageAsync("/Brands/Reviews")).Document.QuerySelector("#save-view").Should().BeNull();
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);
        (await SaveAsync(viewer, "Forged", "Private", "")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before);
    }
}
