using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests;

/// <summary>
/// Customer Reviews and Contact Customer with the keyboard alone: Tab, Space, Enter and arrow keys, no clicks. Every
/// control reached shows a visible focus outline.
/// </summary>
public sealed class KeyboardOnlyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Representative_FiltersAndContactsACustomer_WithTheKeyboardOnly()
    {
        var page = await browser.SignedInPageAsync(DemoUsers.RepTwoBrands);
        await page.GotoAsync("/Brands");

        await TabToAsync(page, "#nav-customer-reviews");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Brands/Reviews");

        await TabToAsync(page, "#stars-3");
        await page.Keyboard.PressAsync("Space");
        (await page.Locator("#stars-1").IsCheckedAsync()).Should().BeTrue();
        (await page.Locator("#stars-2").IsCheckedAsync()).Should().BeTrue();
        (await page.Locator("#stars-3").IsCheckedAsync()).Should().BeFalse();

        await TabToAsync(page, "#brand");
        for (var i = 0; i < 5 && await page.Locator("#brand option:checked").TextContentAsync() != "Acme"; i++)
            await page.Keyboard.PressAsync("ArrowDown");
        (await page.Locator("#brand option:checked").TextContentAsync()).Should().Be("Acme");

        await TabToAsync(page, "#review-filters button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("brand=", StringComparison.Ordinal));
        page.Url.Should().Contain("stars=1&stars=2&brand=");
        (await page.Locator(".badge-brand").AllTextContentsAsync()).Should().NotBeEmpty().And.OnlyContain(b => b == "Acme");

        var href = await TabToAsync(page, "article.review-card a[href$='/Contact']", "href");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith(href!, StringComparison.Ordinal));
        var reviewId = long.Parse(href!.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);

        await TabToAsync(page, "input[name=Reason]");
        await page.Keyboard.PressAsync("Space");
        (await page.Locator("input[name=Reason]:checked").CountAsync()).Should().Be(1);
        await TabToAsync(page, "#contact-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        // The form posts and redirects; wait for the contact to be recorded rather than for a page event.
        await using var db = browser.CreateContext();
        var sent = false;
        for (var i = 0; i < 100 && !sent; i++)
        {
            sent = await db.Contacts.AnyAsync(c => c.ReviewId == reviewId);
            if (!sent) await Task.Delay(100);
        }
        sent.Should().BeTrue("the contact was sent with the keyboard alone");
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>; checks its focus is visible.</summary>
    private static async Task<string?> TabToAsync(IPage page, string selector, string? attribute = null)
    {
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                var outline = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
                outline.Should().NotStartWith("none", $"{selector} must show where the keyboard focus is");
                return attribute is null ? null : await page.EvaluateAsync<string?>("a => document.activeElement.getAttribute(a)", attribute);
            }
        }
        throw new InvalidOperationException($"Tab never reached {selector} on {page.Url}.");
    }
}
