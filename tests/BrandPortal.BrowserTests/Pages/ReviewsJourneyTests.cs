using BrandPortal.Testing;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests.Pages;

public sealed class ReviewsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Representative_FiltersToOneBrandAndLowRatings_SeesWhoCanBeContactedAndWhyNot()
    {
        var page = await browser.SignedInPageAsync(DemoUsers.RepTwoBrands);
        await page.Locator("#nav-customer-reviews").ClickAsync();
        await page.WaitForURLAsync("**/Brands/Reviews");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Customer Reviews", Level = 1 }).IsVisibleAsync()).Should().BeTrue();

        await page.GetByLabel("Brand", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Acme" });
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "3 stars", Exact = true }).UncheckAsync();
        (await page.GetByRole(AriaRole.Checkbox, new() { Name = "1 star", Exact = true }).IsCheckedAsync()).Should().BeTrue();
        (await page.GetByRole(AriaRole.Checkbox, new() { Name = "2 stars", Exact = true }).IsCheckedAsync()).Should().BeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("brand=", StringComparison.Ordinal));

        page.Url.Should().Contain("stars=1&stars=2&brand=");
        var cards = page.Locator("article.review-card");
        (await cards.CountAsync()).Should().BeGreaterThan(0);
        foreach (var label in await page.Locator(".review-stars").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('aria-label'))"))
            label.Should().BeOneOf("1 out of 5 stars", "2 out of 5 stars");
        (await page.Locator(".badge-brand").AllTextContentsAsync()).Should().OnlyContain(b => b == "Acme");

        var contact = page.GetByRole(AriaRole.Link, new() { Name = "Contact Customer" }).First;
        (await contact.IsVisibleAsync()).Should().BeTrue();
        (await contact.GetAttributeAsync("href")).Should().MatchRegex(@"^/Brands/Reviews/\d+/Contact$");
        var unable = page.Locator(".unable").First;
        (await unable.IsVisibleAsync()).Should().BeTrue();
        (await unable.Locator(".unable-title").TextContentAsync()).Should().Be("Unable to contact customer");
        (await unable.Locator(".reasons li").First.TextContentAsync()).Should().Contain("What to do:");

        var axe = await page.RunAxe();
        axe.Violations.Should().BeEmpty(string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));

        // Tall enough to show an eligible card and an ineligible one with its reasons.
        await page.SetViewportSizeAsync(1280, 1500);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("customer-reviews.png"), FullPage = false });
        await page.Context.CloseAsync();
    }
}
