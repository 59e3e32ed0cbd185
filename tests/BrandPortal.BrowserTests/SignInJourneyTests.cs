using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests;

public sealed class SignInJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Representative_SignsIn_AndSeesBrandsDashboard()
    {
        var page = await browser.SignedInPageAsync(DemoUsers.RepTwoBrands);
        page.Url.Should().EndWith("/Brands");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Your brands" }).IsVisibleAsync()).Should().BeTrue();
        (await page.Locator("#nav-customer-reviews").IsVisibleAsync()).Should().BeTrue();
        await page.GotoAsync("/Brands?period=all");
        (await page.Locator("svg.chart").IsVisibleAsync()).Should().BeTrue();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("brands-dashboard.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
