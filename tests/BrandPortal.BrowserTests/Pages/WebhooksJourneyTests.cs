using BrandPortal.Testing;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests.Pages;

/// <summary>/Admin/Webhooks in a browser: reached from the menu, a subscription made with its secret shown, a test sent and its delivery listed.</summary>
public sealed class WebhooksJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task AccountAdmin_SubscribesAndSendsATest_SeesTheSecretOnceAndTheDelivery()
    {
        var admin = await browser.SignedInPageAsync(DemoUsers.AccountAdmin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).ClickAsync();
        await admin.GetByLabel("URL (https)").FillAsync("https://93.184.215.14/brandportal/webhooks");
        await admin.GetByRole(AriaRole.Group, new() { Name = "Events" }).GetByLabel("refund.accepted").CheckAsync();
        await admin.GetByRole(AriaRole.Group, new() { Name = "Events" }).GetByLabel("customer.replied").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        (await admin.Locator("#new-secret").InputValueAsync()).Should().StartWith("whsec_");
        await ExpectAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send test event to" }).First.ClickAsync();
        (await admin.Locator("#message").TextContentAsync()).Should().Contain("test event");
        (await admin.Locator("#new-secret").CountAsync()).Should().Be(0);
        await admin.Locator("details summary").First.ClickAsync();
        (await admin.Locator("tr[id^=delivery-]").First.TextContentAsync()).Should().Contain("webhook.test");
        await admin.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-webhooks.png"), FullPage = true });
        await ExpectAccessibleAsync(admin);
        await admin.Context.CloseAsync();
    }

    private static async Task ExpectAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")
            .Should().BeEmpty($"{page.Url} should be accessible");
    }
}
