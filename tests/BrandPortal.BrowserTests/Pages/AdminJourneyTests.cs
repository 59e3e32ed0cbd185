using BrandPortal.Testing;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests.Pages;

public sealed class AdminJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task AccountAdmin_GrantsCustomerReviews_UsersMenuAppearsWithoutSignOut()
    {
        // The user is signed in before the change and stays signed in.
        var user = await browser.SignedInPageAsync(DemoUsers.NoPermission);
        (await user.Locator("#nav-customer-reviews").CountAsync()).Should().Be(0);

        var admin = await browser.SignedInPageAsync(DemoUsers.AccountAdmin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "User Permissions" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = $"Edit permissions of {DemoUsers.NoPermission}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Group, new() { Name = "Customer Reviews" }).GetByLabel("View and Edit").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save permissions" }).ClickAsync();
        var saved = admin.Locator("#saved");
        (await saved.TextContentAsync()).Should().Contain("next page load").And.Contain("no sign-out");
        (await admin.GetByRole(AriaRole.Group, new() { Name = "Customer Reviews" }).GetByLabel("View and Edit").IsCheckedAsync()).Should().BeTrue();
        await admin.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-user-permissions.png"), FullPage = true });
        await ExpectAccessibleAsync(admin);

        await user.ReloadAsync();
        (await user.Locator("#nav-customer-reviews").IsVisibleAsync()).Should().BeTrue();

        await using var db = browser.CreateContext();
        var entry = await db.AuditEntries.Where(a => a.Action == "PermissionChanged" && a.ObjectId == DemoUsers.NoPermission).SingleAsync();
        entry.ClientIp.Should().Be("127.0.0.1");
        await user.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task AdministrationPages_RenderForTheirUsers()
    {
        var admin = await browser.SignedInPageAsync(DemoUsers.AccountAdmin);
        await admin.GotoAsync("/Admin/Users");
        await admin.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-users.png"), FullPage = true });
        await ExpectAccessibleAsync(admin);
        await admin.GotoAsync("/Admin/Audit");
        await admin.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-audit.png"), FullPage = true });
        await ExpectAccessibleAsync(admin);
        await admin.Context.CloseAsync();

        var registry = await browser.SignedInPageAsync(DemoUsers.RegistryAdmin);
        await registry.GotoAsync("/BrandRegistry/Cases");
        await registry.GetByLabel("Brand", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Acme Outdoors" });
        await registry.GetByLabel("User's email").FillAsync(DemoUsers.Viewer);
        await registry.GetByLabel("Justification").FillAsync("The viewer takes over the outdoor range and answers its critical reviews.");
        await registry.GetByRole(AriaRole.Button, new() { Name = "Submit case" }).ClickAsync();
        (await registry.Locator("#message").TextContentAsync()).Should().Contain("submitted");
        await registry.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("brand-registry-cases.png"), FullPage = true });
        await ExpectAccessibleAsync(registry);
        await registry.Context.CloseAsync();

        var support = await browser.SignedInPageAsync(DemoUsers.Support);
        await support.GotoAsync("/Support/Cases");
        await support.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("support-cases.png"), FullPage = true });
        await ExpectAccessibleAsync(support);
        await support.GotoAsync("/Support/Accounts");
        await support.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("support-accounts.png"), FullPage = true });
        await ExpectAccessibleAsync(support);
        await support.GotoAsync("/Support/Brands");
        await support.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("support-brands.png"), FullPage = true });
        await ExpectAccessibleAsync(support);
        await support.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task InvitationPage_IsAccessible()
    {
        var admin = await browser.SignedInPageAsync(DemoUsers.AccountAdmin);
        await admin.GotoAsync("/Admin/Users");
        await admin.GetByLabel("Email address").FillAsync("invited.person@acme.test");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        (await admin.Locator(".alert-ok").TextContentAsync()).Should().Contain("Invitation sent to invited.person@acme.test");
        await admin.Context.CloseAsync();

        await using var db = browser.CreateContext();
        var text = await db.OutboxEmails.Where(o => o.ToAddress == "invited.person@acme.test").Select(o => o.TextBody).SingleAsync();
        var link = System.Text.RegularExpressions.Regex.Match(text, @"/Account/Invitation\?token=[A-Za-z0-9_\-]+").Value;
        var context = await browser.Browser!.NewContextAsync(new() { BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await ExpectAccessibleAsync(page);
        await page.GetByLabel("New password").FillAsync("a-long-password-1");
        await page.GetByLabel("Type the password again").FillAsync("a-long-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/Brands", StringComparison.Ordinal));
        (await page.Locator(".who").TextContentAsync()).Should().Contain("invited.person@acme.test");
        await context.CloseAsync();
    }

    /// <summary>No axe-core violations (WCAG 2.1 A and AA rules) on the page as it is now.</summary>
    private static async Task ExpectAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")
            .Should().BeEmpty($"{page.Url} should be accessible");
    }
}
