using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests;

/// <summary>
/// Working the queue as a team in Chromium: a representative filters Customer Reviews, ticks three cards and assigns
/// them to a colleague in bulk (confirming the count); the colleague signs in, sees "Assigned to me (3)" on the
/// dashboard, opens it, adds an internal note to one and marks one done. axe on every page the journey changes.
/// </summary>
public sealed class QueueJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Representative_BulkAssignsThreeToColleague_ColleagueSeesThemAddsANoteAndMarksOneDone()
    {
        // 1. rep.two filters: Acme, nobody assigned yet.
        var rep = await browser.SignedInPageAsync(DemoUsers.RepTwoBrands);
        await rep.GotoAsync("/Brands/Reviews");
        await rep.GetByLabel("Brand", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Acme" });
        await rep.GetByLabel("Assigned to", new() { Exact = true }).SelectOptionAsync("none");
        await rep.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await rep.WaitForURLAsync(url => url.Contains("assignee=none", StringComparison.Ordinal));

        // 2. Ticks three cards and asks to assign them.
        var boxes = rep.Locator("input.bulk-select");
        var chosen = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            await boxes.Nth(i).CheckAsync();
            chosen.Add(long.Parse((await boxes.Nth(i).GetAttributeAsync("value"))!, System.Globalization.CultureInfo.InvariantCulture));
        }
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("queue-select.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);
        await rep.GetByRole(AriaRole.Button, new() { Name = "Assign to …" }).ClickAsync();

        // 3. Chooses the colleague, sees the count, confirms.
        await Expect(rep.GetByRole(AriaRole.Heading, new() { Name = "Assign to whom?" }));
        await ExpectAccessibleAsync(rep);
        await rep.GetByLabel("Assign to", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = DemoUsers.RepOneBrand });
        await rep.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(rep.GetByRole(AriaRole.Heading, new() { Name = $"Assign 3 reviews to {DemoUsers.RepOneBrand}?" }));
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("queue-bulk-confirm.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);
        await rep.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(rep.GetByText($"3 reviews assigned to {DemoUsers.RepOneBrand}."));
        (await rep.Locator("input.bulk-select").EvaluateAllAsync<string[]>("els => els.map(e => e.value)"))
            .Should().NotContain(chosen.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), "the list shows unassigned reviews only");

        // 4. The colleague sees them on the dashboard and opens the list.
        var one = await browser.SignedInPageAsync(DemoUsers.RepOneBrand);
        await one.GotoAsync("/Brands");
        var assigned = one.GetByRole(AriaRole.Link, new() { Name = "Assigned to me (3)" });
        await Expect(assigned);
        await one.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("queue-dashboard.png"), FullPage = true });
        await ExpectAccessibleAsync(one);
        await assigned.ClickAsync();
        await one.WaitForURLAsync(url => url.Contains("assignee=me", StringComparison.Ordinal));
        (await one.Locator("article.review-card").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.reviewId)"))
            .Select(long.Parse).Should().BeEquivalentTo(chosen);
        (await one.Locator(".review-assignee").First.TextContentAsync()).Should().Be($"Assigned to {DemoUsers.RepOneBrand}");

        // 5. Adds an internal note on the first review (its page), for the team, then goes back to the list.
        await one.GotoAsync($"/Brands/Reviews/{chosen[0]}/Contact");
        const string note = "Called the courier: the parcel was crushed in transit. Offering a refund.";
        await one.GetByLabel("Add a note", new() { Exact = true }).FillAsync(note);
        await one.GetByRole(AriaRole.Button, new() { Name = "Add note", Exact = true }).ClickAsync();
        await Expect(one.Locator("#note-list .note-text").GetByText(note));
        (await one.Locator("#note-list .note-author").First.TextContentAsync()).Should().Be(DemoUsers.RepOneBrand);
        await one.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("queue-note.png"), FullPage = true });
        await ExpectAccessibleAsync(one);
        await one.GotoAsync("/Brands/Reviews?assignee=me");

        // 6. Marks one done: it leaves the default list, which keeps its filter.
        await one.Locator($"article[data-review-id='{chosen[0]}']").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mark as done") }).ClickAsync();
        await Expect(one.GetByText("Marked as done."));
        one.Url.Should().Contain("assignee=me");
        (await one.Locator("article.review-card").CountAsync()).Should().Be(2);
        await one.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("queue-assigned-to-me.png"), FullPage = true });
        await ExpectAccessibleAsync(one);
        await one.GotoAsync("/Brands/Reviews?assignee=me&done=include");
        (await one.Locator($"article[data-review-id='{chosen[0]}'] .review-done-badge").TextContentAsync()).Should().Be("Done");
        await ExpectAccessibleAsync(one);

        await using var db = browser.CreateContext();
        var colleague = await db.Users.Where(u => u.Email == DemoUsers.RepOneBrand).Select(u => u.Id).SingleAsync();
        (await db.ReviewWork.CountAsync(w => w.AssigneeUserId == colleague)).Should().Be(3);
        (await db.ReviewNotes.CountAsync(n => n.ReviewId == chosen[0] && n.AuthorUserId == colleague && n.Text == note)).Should().Be(1);
        (await db.OutboxEmails.CountAsync(m => m.Kind == EmailKind.ReviewAssigned && m.ToAddress == DemoUsers.RepOneBrand)).Should().Be(1, "one email for the bulk assignment");
    }

    private static async Task ExpectAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")
            .Should().BeEmpty($"{page.Url} should be accessible");
    }

    private static async Task Expect(ILocator locator) => await locator.First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
}
