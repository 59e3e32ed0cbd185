using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests.Pages;

public sealed class AlertsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Representative_FromTheDashboard_TurnsOnDailyReviewAlerts()
    {
        var page = await browser.SignedInPageAsync(DemoUsers.RepTwoBrands);
        await page.GotoAsync("/Brands");
        await page.GetByRole(AriaRole.Link, new() { Name = "Review alerts" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Brands/Alerts", StringComparison.Ordinal));
        // The page also asks about assignment emails (On / Off): the review-alert choice is the first group.
        var frequency = page.GetByRole(AriaRole.Group, new() { Name = "How often should BrandPortal email you about new critical reviews?" });
        (await frequency.GetByRole(AriaRole.Radio, new() { Name = "Off" }).IsCheckedAsync()).Should().BeTrue();

        await frequency.GetByRole(AriaRole.Radio, new() { Name = "Daily" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save review alerts" }).ClickAsync();
        await page.Locator("#alerts-message").WaitForAsync();
        (await page.Locator("#alerts-message").TextContentAsync()).Should().Contain("daily");
        (await frequency.GetByRole(AriaRole.Radio, new() { Name = "Daily" }).IsCheckedAsync()).Should().BeTrue();

        var axe = await page.RunAxe();
        axe.Violations.Should().BeEmpty(string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("alerts-settings.png"), FullPage = true });

        await using var db = browser.CreateContext();
        (await db.AlertSubscriptions.AnyAsync(s => s.Frequency == AlertFrequency.Daily
            && db.Users.Any(u => u.Id == s.UserId && u.Email == DemoUsers.RepTwoBrands))).Should().BeTrue();
        await page.Context.CloseAsync();
    }
}
