using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Admin.Users;

public sealed class UsersTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Users_AsAccountAdmin_ListsOnlyOwnAccountsUsersWithCatalogueColumns()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var (response, page) = await admin.GetPageAsync("/Admin/Users");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = page.QuerySelectorAll("#users tbody th[scope=row]").Select(th => th.TextContent.Trim()).ToList();
        rows.Should().Contain(r => r.StartsWith(DemoUsers.NoPermission, StringComparison.Ordinal));
        rows.Should().NotContain(r => r.Contains("globex", StringComparison.Ordinal) || r.Contains("northwind.test", StringComparison.Ordinal));
        page.QuerySelector("#users thead")!.TextContent.Should().Contain("Customer Reviews").And.Contain("Buyer-Seller Messages").And.Contain("User Permissions");
    }

    [Fact]
    public async Task Edit_ShowsCatalogueGroupedByHeaderWithLevels()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var (response, page) = await admin.GetPageAsync($"/Admin/Users/{await portal.UserIdAsync(DemoUsers.Viewer)}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelectorAll("fieldset.perm-header > legend").Select(l => l.TextContent.Trim()).Should().Equal("Advertising", "Messaging", "Settings");
        page.QuerySelector("#lvl-CustomerReviews-View")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("#lvl-CustomerReviews-ViewAndEdit").Should().NotBeNull();
        page.QuerySelector("#lvl-UserPermissions-View").Should().BeNull("User Permissions is None or View and Edit only");
    }

    [Fact]
    public async Task GrantThenRevoke_CustomerReviews_AppliesOnTheUsersNextRequestWithoutSignOut()
    {
        var nopermId = await portal.UserIdAsync(DemoUsers.NoPermission);
        var noperm = await portal.SignInAsync(DemoUsers.NoPermission);
        (await noperm.GetPageAsync("/Brands")).Document.QuerySelector("#nav-customer-reviews").Should().BeNull();
        (await portal.DecideOnBrandReviewAsync(DemoUsers.NoPermission, "Acme")).Fails(EligibilityRule.CanEdit).Should().BeTrue();
        var versionBefore = await VersionAsync(nopermId);

        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var saved = await admin.SavePermissionsAsync(nopermId, "ViewAndEdit", formPage: $"/Admin/Users/{nopermId}");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, confirmation) = await admin.GetPageAsync(saved.Headers.Location!.ToString());
        confirmation.QuerySelector("#saved")!.TextContent.Should().Contain("next page load").And.Contain("no sign-out");

        // Same cookie as before the change: no sign-out, no new sign-in.
        (await noperm.GetPageAsync("/Brands")).Document.QuerySelector("#nav-customer-reviews").Should().NotBeNull();
        (await portal.DecideOnBrandReviewAsync(DemoUsers.NoPermission, "Acme")).Fails(EligibilityRule.CanEdit).Should().BeFalse();
        (await VersionAsync(nopermId)).Should().BeGreaterThan(versionBefore);

        (await admin.SavePermissionsAsync(nopermId, "None", formPage: $"/Admin/Users/{nopermId}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await noperm.GetPageAsync("/Brands")).Document.QuerySelector("#nav-customer-reviews").Should().BeNull();
        (await portal.DecideOnBrandReviewAsync(DemoUsers.NoPermission, "Acme")).Fails(EligibilityRule.CanEdit).Should().BeTrue();

        await using var db = portal.CreateContext();
        var entries = await db.AuditEntries.Where(a => a.Action == "PermissionChanged" && a.ObjectId == DemoUsers.NoPermission).OrderBy(a => a.Id).ToListAsync();
        entries.Select(e => (e.Before, e.After)).Should().ContainInOrder(
            ("Customer Reviews: None", "Customer Reviews: View and Edit"), ("Customer Reviews: View and Edit", "Customer Reviews: None"));
        entries.Should().OnlyContain(e => e.Actor == DemoUsers.AccountAdmin && e.SellerAccountId != null);
    }

    [Theory]
    [InlineData(DemoUsers.RepTwoBrands)]
    [InlineData(DemoUsers.Viewer)]
    [InlineData(DemoUsers.NoPermission)]
    [InlineData(DemoUsers.RegistryAdmin)]
    [InlineData(DemoUsers.OtherTenantAdmin)]
    [InlineData(DemoUsers.AdminAtRisk)]
    [InlineData(DemoUsers.Support)]
    [InlineData(DemoUsers.Customer)]
    public async Task Permissions_AnyoneButTheAccountsAdmin_CannotReadOrChangeThem(string email)
    {
        var targetId = await portal.UserIdAsync(DemoUsers.Viewer);
        var before = await portal.PermissionsAsync(DemoUsers.Viewer);
        var client = await portal.SignInAsync(email);

        // Another account's administrator sees their own users, never Acme's; everyone else is refused the page.
        var list = await client.GetPageAsync("/Admin/Users");
        if (email is DemoUsers.OtherTenantAdmin or DemoUsers.AdminAtRisk)
            list.Document.QuerySelector("#users")!.TextContent.Should().NotContain("acme.test");
        else
        {
            list.Response.ShouldBeRefused();
            list.Document.QuerySelector("#users").Should().BeNull();
        }
        var edit = await client.GetPageAsync($"/Admin/Users/{targetId}");
        edit.Response.ShouldBeRefused();
        edit.Document.QuerySelector("form.permissions").Should().BeNull();

        (await client.SavePermissionsAsync(targetId, "ViewAndEdit", "ViewAndEdit", "ViewAndEdit")).ShouldBeRefused();
        if (email is not (DemoUsers.OtherTenantAdmin or DemoUsers.AdminAtRisk))
            (await client.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = $"x-{Guid.NewGuid():N}@acme.test" }, "/Account/Login"))
                .ShouldBeRefused();

        (await portal.PermissionsAsync(DemoUsers.Viewer)).Should().BeEquivalentTo(before);
        await using var db = portal.CreateContext();
        (await db.Users.CountAsync(u => u.Email!.StartsWith("x-"))).Should().Be(0);
    }

    [Fact]
    public async Task Edit_OtherAccountsUserIdInUrl_IsNotFoundAndChangesNothing()
    {
        var globexRep = await portal.UserIdAsync(DemoUsers.OtherTenantRep);
        var before = await portal.PermissionsAsync(DemoUsers.OtherTenantRep);
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        (await admin.GetPageAsync($"/Admin/Users/{globexRep}")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.SavePermissionsAsync(globexRep, "None")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await portal.PermissionsAsync(DemoUsers.OtherTenantRep)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Edit_IdInFormAndQuery_IsIgnored_TheAddressDecides()
    {
        var globexRep = await portal.UserIdAsync(DemoUsers.OtherTenantRep);
        var viewer = await portal.UserIdAsync(DemoUsers.Viewer);
        var before = await portal.PermissionsAsync(DemoUsers.Viewer);
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var response = await admin.PostFormAsync($"/Admin/Users/{globexRep}?id={viewer}", new Dictionary<string, string>
        {
            ["id"] = viewer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Levels[CustomerReviews]"] = "ViewAndEdit", ["Levels[BuyerSellerMessages]"] = "ViewAndEdit", ["Levels[UserPermissions]"] = "ViewAndEdit",
        }, "/Admin/Users");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await portal.PermissionsAsync(DemoUsers.Viewer)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Edit_OnlyAdminRemovesOwnUserPermissions_IsRefusedWithReason()
    {
        var adminId = await portal.UserIdAsync(DemoUsers.AccountAdmin);
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var response = await admin.SavePermissionsAsync(adminId, "None", userPermissions: "None");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#error")!.TextContent.Should().Contain("only administrator");
        page.QuerySelector("#lvl-UserPermissions-ViewAndEdit")!.HasAttribute("checked").Should().BeFalse("the form keeps what was posted");
        (await portal.PermissionsAsync(DemoUsers.AccountAdmin))[Permission.UserPermissions].Should().Be(PermissionLevel.ViewAndEdit);
        (await portal.AccessAsync(DemoUsers.AccountAdmin)).ManagesUsers.Should().BeTrue();
    }

    [Theory]
    [InlineData("Bogus", "None", "None")]
    [InlineData("2", "None", "None")]
    [InlineData("ViewAndEdit", "None", "View")]
    [InlineData("", "None", "None")]
    public async Task Edit_TamperedLevels_AreRefusedAndChangeNothing(string reviews, string messages, string userPermissions)
    {
        var viewerId = await portal.UserIdAsync(DemoUsers.RepOneBrand);
        var before = await portal.PermissionsAsync(DemoUsers.RepOneBrand);
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var response = await admin.SavePermissionsAsync(viewerId, reviews, messages, userPermissions);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Choose a level for");
        (await portal.PermissionsAsync(DemoUsers.RepOneBrand)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Edit_GrantUserPermissions_MakesAnotherAdministrator_WhoMayThenDemoteTheFirst()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var registryId = await portal.UserIdAsync(DemoUsers.RegistryAdmin);
        (await admin.SavePermissionsAsync(registryId, "View", userPermissions: "ViewAndEdit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var registry = await portal.SignInAsync(DemoUsers.RegistryAdmin);
        (await registry.GetPageAsync("/Admin/Users")).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        // The new administrator demotes the first, who then loses the user pages; then restores them as they were.
        var adminId = await portal.UserIdAsync(DemoUsers.AccountAdmin);
        var first = await portal.AccessAsync(DemoUsers.AccountAdmin);
        (await registry.SavePermissionsAsync(adminId, first.Level(Permission.CustomerReviews).ToString(), first.Level(Permission.BuyerSellerMessages).ToString(), "None"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.AccessAsync(DemoUsers.AccountAdmin)).ManagesUsers.Should().BeFalse("the second administrator demoted the first");
        (await admin.GetPageAsync("/Admin/Users")).Response.ShouldBeRefused();
        (await registry.SavePermissionsAsync(adminId, first.Level(Permission.CustomerReviews).ToString(), first.Level(Permission.BuyerSellerMessages).ToString(), "ViewAndEdit"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.AccessAsync(DemoUsers.AccountAdmin)).ManagesUsers.Should().BeTrue();

        // Two administrators again: the registry user may step down, and is refused once they are the last one.
        (await registry.SavePermissionsAsync(registryId, "View", userPermissions: "None")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await registry.GetPageAsync("/Admin/Users")).Response.ShouldBeRefused();
        (await portal.AccessAsync(DemoUsers.RegistryAdmin)).ManagesUsers.Should().BeFalse();
    }

    private async Task<int> VersionAsync(long userId)
    {
        await using var db = portal.CreateContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.AccessVersion).SingleAsync();
    }
}
