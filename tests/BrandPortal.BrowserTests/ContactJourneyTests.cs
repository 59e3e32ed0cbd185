using BrandPortal.Core.Data.Entities;
using Deque.AxeCore.Playwright;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests;

/// <summary>
/// The whole Contact Customer journey in Chromium: the representative contacts a customer for Customer Support,
/// the customer reads and replies in the Message Center, the representative sees Response needed and answers.
/// </summary>
public sealed class ContactJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Representative_ContactsCustomer_CustomerReplies_RepresentativeAnswers()
    {
        long reviewId;
        await using (var db = browser.CreateContext())
            reviewId = await db.Reviews.Where(r => r.Title == "Leaks from the lid").Select(r => r.Id).SingleAsync();

        // 1. The representative picks Customer Support and sends the fixed email.
        var rep = await browser.SignedInPageAsync(DemoUsers.RepTwoBrands);
        await rep.GotoAsync($"/Brands/Reviews/{reviewId}/Contact");
        await Expect(rep.GetByRole(AriaRole.Heading, new() { Name = "Contact customer" }));
        (await rep.Locator("#preview-CourtesyRefund").TextContentAsync()).Should().Contain("full refund of $29.99");
        await rep.GetByRole(AriaRole.Radio, new() { Name = "Customer Support" }).CheckAsync();
        (await rep.Locator("#preview-CustomerSupport").TextContentAsync()).Should().Contain("Hello Jane,");
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("contact-customer.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);
        await rep.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(rep.GetByText("The email is on its way to the customer."));
        (await rep.Locator(".timeline").TextContentAsync()).Should().Contain("Customer Support").And.Contain("Sent by rep.two@acme.test");
        await browser.Smtp.WaitForAsync(1, TimeSpan.FromSeconds(15));
        browser.Smtp.Messages.Should().Contain(m => m.Recipients.Contains(DemoUsers.Customer));
        await rep.ReloadAsync();
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("contact-timeline.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);

        // 2. The customer reads the message and replies.
        var jane = await browser.SignedInPageAsync(DemoUsers.Customer);
        await jane.GotoAsync("/YourAccount/MessageCenter");
        var item = jane.Locator("#messages li.unread").First;
        (await item.TextContentAsync()).Should().Contain("Acme would like to help with Acme Electric Kettle 1.7 L");
        await jane.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("message-center.png"), FullPage = true });
        await ExpectAccessibleAsync(jane);
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(jane.GetByRole(AriaRole.Heading, new() { Name = "Acme would like to help with Acme Electric Kettle 1.7 L" }));
        await jane.GetByLabel("Your reply to Acme").FillAsync("Yes please. Water drips from the lid whenever I pour.");
        await jane.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(jane.GetByText("Reply sent."));
        await jane.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("message-center-conversation.png"), FullPage = true });
        await ExpectAccessibleAsync(jane);

        // 3. The representative sees Response needed, opens the thread and answers within the guidelines.
        await rep.GotoAsync("/Brands/Messages");
        var row = rep.Locator("#threads tbody tr").First;
        (await row.TextContentAsync()).Should().Contain("Jane").And.Contain("Response needed").And.Contain("left");
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("messages.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);
        await row.GetByRole(AriaRole.Link, new() { Name = "Jane" }).ClickAsync();
        await Expect(rep.Locator("#response-needed"));
        await rep.GetByLabel("Your answer").FillAsync("Thanks Jane, could you change your review once the new lid arrives?");
        await rep.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(rep.Locator("#answer-error"));
        (await rep.Locator("#answer").InputValueAsync()).Should().Contain("could you change your review", "the draft stays");
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("messages-refused.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);
        await rep.GetByLabel("Your answer").FillAsync("Thanks Jane, we are sending you a new lid today. It should arrive within three days.");
        await rep.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(rep.GetByText("Answer sent."));
        (await rep.Locator("#response-needed").CountAsync()).Should().Be(0);
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("messages-thread.png"), FullPage = true });

        await using (var db = browser.CreateContext())
        {
            var thread = await db.Threads.Include(t => t.Messages).SingleAsync();
            thread.Messages.Select(m => m.Sender).Should().Equal(MessageSender.Customer, MessageSender.Brand);
            thread.ResponseNeededSince.Should().BeNull();
        }
        await rep.Context.CloseAsync();
        await jane.Context.CloseAsync();
    }

    /// <summary>No axe-core violations (WCAG 2.1 A and AA rules) on the page as it is now.</summary>
    private static async Task ExpectAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")
            .Should().BeEmpty($"{page.Url} should be accessible");
    }

    private static async Task Expect(ILocator locator) => await locator.First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
}
