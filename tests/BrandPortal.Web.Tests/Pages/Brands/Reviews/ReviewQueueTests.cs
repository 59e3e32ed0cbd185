using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>
/// Done and assignment on Customer Reviews over HTTP as the demo roles: per seller account, buttons only at View and
/// Edit, forged posts refused with nothing changed, the filtered URL kept.
/// </summary>
public sealed class ReviewQueueTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<long> ReviewOfAsync(string brand, int skip = 0)
    {
        await using var db = portal.CreateContext();
        var brandId = await BrandIdAsync(db, brand);
        return await db.Reviews.Where(r => r.BrandId == brandId && r.Rating <= 3 && r.CreatedAt > DateTimeOffset.UtcNow.AddMonths(-11))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip(skip).Select(r => r.Id).FirstAsync();
    }

    private static Dictionary<string, string> Form(string returnUrl) => new() { ["returnUrl"] = returnUrl };

    private static string Done(long review, string handler = "Done") => $"/Brands/Reviews/{review}/Work?handler={handler}";

    [Fact]
    public async Task MarkAsDone_SharedBrandReview_HiddenForThisAccountShownDoneWhenIncludedStillOpenForTheOther()
    {
        var review = await ReviewOfAsync("Acme", skip: 5);
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var filtered = "/Brands/Reviews?stars=1&stars=2&stars=3&brand=" + await BrandIdOfAsync("Acme");

        var response = await rep.PostFormAsync(Done(review), Form(filtered), filtered);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(filtered, "back to the same filtered list");
        var (_, list) = await rep.GetPageAsync(filtered);
        list.QuerySelector("#notice")!.TextContent.Should().Contain("Marked as done");
        Cards(list).Select(Id).Should().NotContain(review);
        var (_, included) = await rep.GetPageAsync(filtered + "&done=include");
        var card = Cards(included).Single(c => Id(c) == review);
        card.QuerySelector(".review-done-badge")!.TextContent.Should().Be("Done");
        card.QuerySelector($"#review-{review}-work")!.TextContent.Should().Contain("by " + DemoUsers.RepTwoBrands);
        card.QuerySelector("button")!.TextContent.Should().StartWith("Undo");

        using var globex = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        (await AllIdsAsync(globex, "/Brands/Reviews?brand=" + await BrandIdOfAsync("Acme"))).Should().Contain(review, "Globex Retail sells Acme too; done is Acme Trading's");
    }

    [Fact]
    public async Task ReviewsPage_ViewOnlyUser_SeesDoneStateButNoButtonsAndAForgedPostIsRefused()
    {
        var review = await ReviewOfAsync("Acme", skip: 6);
        using (var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands))
            await rep.PostFormAsync(Done(review), Form("/Brands/Reviews"), "/Brands/Reviews");
        using var viewer = await portal.SignInAsync(DemoUsers.Viewer);

        var (_, page) = await viewer.GetPageAsync("/Brands/Reviews?done=include");
        page.QuerySelector("#bulk").Should().BeNull();
        page.QuerySelectorAll("input.bulk-select").Should().BeEmpty();
        page.QuerySelectorAll(".review-work form, .review-work a").Should().BeEmpty();
        Cards(page).Single(c => Id(c) == review).QuerySelector(".review-done-badge").Should().NotBeNull();

        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);
        var undo = await viewer.PostFormAsync(Done(review, "Undo"), Form("/Brands/Reviews"), "/Brands/Alerts");
        undo.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var bulk = await viewer.Http.GetAsync($"/Brands/Reviews/Bulk?action=done&all=true");
        bulk.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before);
    }

    [Fact]
    public async Task MarkAsDone_ReviewOfABrandTheUsersAccountDoesNotSell_NotFoundAndNothingChanged()
    {
        var review = await ReviewOfAsync("Acme Outdoors");
        using var northwind = await portal.SignInAsync(DemoUsers.RepAtRisk);
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);

        var done = await northwind.PostFormAsync(Done(review), Form("/Brands/Reviews"), "/Brands/Reviews");
        var assign = await northwind.Http.GetAsync($"/Brands/Reviews/{review}/Work");

        done.StatusCode.Should().Be(HttpStatusCode.NotFound);
        assign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before);
    }

    [Theory]
    [InlineData("https://evil.test/phish")]
    [InlineData("//evil.test")]
    [InlineData("/Account/Logout")]
    public async Task MarkAsDone_ReturnUrlNotACustomerReviewsPage_RedirectsToTheList(string returnUrl)
    {
        var review = await ReviewOfAsync("Acme", skip: 7);
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var response = await rep.PostFormAsync(Done(review), Form(returnUrl), "/Brands/Reviews");

        response.Headers.Location!.OriginalString.Should().Be("/Brands/Reviews");
    }

    [Theory]
    [InlineData("done=maybe", "Done reviews can be hidden, included or shown alone; done reviews are hidden.")]
    [InlineData("assignee=abc", "The assignee must be you, nobody or a user of your account; showing reviews whoever they are assigned to.")]
    public async Task ReviewsPage_HostileQueueFilter_ClearMessage(string query, string message)
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, page) = await rep.GetPageAsync("/Brands/Reviews?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ReviewPages.Messages(page).Should().Equal(message);
    }

    [Fact]
    public async Task AssignPage_ForgedAssigneeOfAnotherAccount_RefusedWithMessageAndNothingChanged()
    {
        var review = await ReviewOfAsync("Acme", skip: 8);
        long globexRep;
        await using (var db = portal.CreateContext())
            globexRep = await db.Users.Where(u => u.Email == DemoUsers.OtherTenantRep).Select(u => u.Id).SingleAsync();
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var url = $"/Brands/Reviews/{review}/Work";
        var (_, form) = await rep.GetPageAsync(url);
        form.QuerySelectorAll("#userId option").Select(o => o.TextContent).Should().Contain(DemoUsers.RepOneBrand).And.NotContain(DemoUsers.OtherTenantRep);
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);

        var response = await rep.PostFormAsync(url, new Dictionary<string, string> { ["userId"] = globexRep.ToString() });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#assign-error")!.TextContent.Should().Contain("represents Acme").And.Contain("Nothing was changed");
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before);
    }

    [Fact]
    public async Task Assign_ToColleague_DashboardCountsItFilterListsItAndTheColleagueIsEmailed()
    {
        var review = await ReviewOfAsync("Acme", skip: 9);
        long colleague;
        await using (var db = portal.CreateContext())
            colleague = await db.Users.Where(u => u.Email == DemoUsers.RepOneBrand).Select(u => u.Id).SingleAsync();
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var url = $"/Brands/Reviews/{review}/Work?returnUrl=" + Uri.EscapeDataString("/Brands/Reviews?period=all");

        var response = await rep.PostFormAsync(url, new Dictionary<string, string> { ["userId"] = colleague.ToString(), ["returnUrl"] = "/Brands/Reviews?period=all" });

        response.Headers.Location!.OriginalString.Should().Be("/Brands/Reviews?period=all");
        using var one = await portal.SignInAsync(DemoUsers.RepOneBrand);
        var (_, dashboard) = await one.GetPageAsync("/Brands");
        dashboard.QuerySelector("#assigned-to-me a")!.TextContent.Should().MatchRegex(@"Assigned to me \(\d+\)");
        dashboard.QuerySelector("#assigned-to-me a")!.GetAttribute("href").Should().Be("/Brands/Reviews?assignee=me");
        (await AllIdsAsync(one, "/Brands/Reviews?assignee=me")).Should().Contain(review);
        (await AllIdsAsync(rep, "/Brands/Reviews?assignee=" + colleague)).Should().Contain(review);
        await using var check = portal.CreateContext();
        (await check.OutboxEmails.AnyAsync(m => m.Kind == EmailKind.ReviewAssigned && m.ToAddress == DemoUsers.RepOneBrand)).Should().BeTrue();
    }

    [Fact]
    public async Task BulkPage_AllMatching_ConfirmationCountsWritesNothingThenOnePostMarksThemDone()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var brand = await BrandIdOfAsync("Acme Outdoors");
        var filter = $"stars=1&brand={brand}&period=all";
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);
        var expected = (await AllIdsAsync(rep, "/Brands/Reviews?" + filter)).Count;

        var (response, confirm) = await rep.GetPageAsync($"/Brands/Reviews/Bulk?{filter}&all=true&action=done");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        confirm.QuerySelector("#confirm-title")!.TextContent.Should().Be($"Mark {expected:N0} review{(expected == 1 ? "" : "s")} as done?");
        (await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().Be(before, "the confirmation writes nothing");

        var fields = confirm.QuerySelectorAll("form[method=post] input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        var post = await rep.PostFormAsync("/Brands/Reviews/Bulk", fields, $"/Brands/Reviews/Bulk?{filter}&all=true&action=done");

        post.StatusCode.Should().Be(HttpStatusCode.Redirect, await post.Content.ReadAsStringAsync());
        var (_, after) = await rep.GetPageAsync(post.Headers.Location!.OriginalString);
        after.QuerySelector("#notice")!.TextContent.Should().StartWith($"{expected:N0} review");
        Cards(after).Should().BeEmpty();
    }

    [Fact]
    public async Task BulkPage_CheckedIdsOfAnotherAccountsBrand_OnlyTheUsersOwnBrandsChange()
    {
        var own = await ReviewOfAsync("Acme", skip: 10);
        var foreign = await ReviewOfAsync("Globex");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var fields = new List<KeyValuePair<string, string>> { new("action", "done"), new("ids", own.ToString()), new("ids", foreign.ToString()) };

        var post = await rep.PostFormAsync("/Brands/Reviews/Bulk", fields, "/Brands/Reviews");

        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = portal.CreateContext();
        (await db.ReviewWork.AnyAsync(w => w.ReviewId == foreign)).Should().BeFalse();
        (await db.ReviewWork.AnyAsync(w => w.ReviewId == own && w.DoneAt != null)).Should().BeTrue();
    }

    [Fact]
    public async Task AlertsPage_AssignmentEmailOff_Saved()
    {
        using var one = await portal.SignInAsync(DemoUsers.Viewer);
        var response = await one.PostFormAsync("/Brands/Alerts?handler=Assignment", new Dictionary<string, string> { ["AssignmentEmail"] = "off" }, "/Brands/Alerts");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, page) = await one.GetPageAsync("/Brands/Alerts");
        page.QuerySelector("#assignment-off")!.HasAttribute("checked").Should().BeTrue();
        var bad = await one.PostFormAsync("/Brands/Alerts?handler=Assignment", new Dictionary<string, string> { ["AssignmentEmail"] = "maybe" }, "/Brands/Alerts");
        bad.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PortalClient.ParseAsync(await bad.Content.ReadAsStringAsync())).QuerySelector("#alerts-error")!.TextContent.Should().Contain("on or off");
    }

    private async Task<long> BrandIdOfAsync(string name)
    {
        await using var db = portal.CreateContext();
        return await BrandIdAsync(db, name);
    }
}
