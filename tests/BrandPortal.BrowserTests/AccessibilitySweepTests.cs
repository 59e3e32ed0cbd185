using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests;

/// <summary>
/// axe-core in Chromium on every page of the demo, as every kind of user: the pages come from the navigation each
/// user sees and from the portal's own endpoints (PageCatalog), id-bearing ones filled with real demo ids, so a page
/// added tomorrow is checked without anyone listing it. Serious and critical violations fail the test.
/// </summary>
public sealed class AccessibilitySweepTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> Roles => new()
    {
        DemoUsers.RepTwoBrands, DemoUsers.Viewer, DemoUsers.NoPermission, DemoUsers.AccountAdmin, DemoUsers.RegistryAdmin,
        DemoUsers.Support, DemoUsers.Customer,
    };

    /// <summary>Pages that change state when opened, or exist only for development.</summary>
    private static readonly string[] Skipped = ["/Account/Logout", "/Dev/"];

    [BrowserTheory]
    [MemberData(nameof(Roles))]
    public async Task EveryPage_AsRole_HasNoSeriousOrCriticalViolations(string email)
    {
        var page = await browser.SignedInPageAsync(email);
        var urls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var href in await page.Locator("header a[href^='/'], nav a[href^='/']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
            urls.Add(href);
        foreach (var url in await CatalogUrlsAsync()) urls.Add(url);

        var problems = new List<string>();
        foreach (var url in urls.Where(u => !Skipped.Any(s => u.StartsWith(s, StringComparison.Ordinal))))
        {
            var response = await page.GotoAsync(url);
            if (page.Url.Contains("/Account/Login", StringComparison.Ordinal) && !url.StartsWith("/Account/Login", StringComparison.Ordinal))
                continue; // signed out by a page? never expected, but then the rest would test the login page only
            ((int?)response?.Status ?? 0).Should().BeLessThan(500, $"{url} as {email}");
            var result = await page.RunAxe();
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{url} as {email}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }
        problems.Should().BeEmpty();
        urls.Count.Should().BeGreaterThan(5, "the sweep found the portal's pages");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task AnonymousPages_HaveNoSeriousOrCriticalViolations()
    {
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var url in new[] { "/Account/Login", "/Help", "/Alerts/Unsubscribe?token=not-a-token", "/" })
        {
            await page.GotoAsync(url);
            var result = await page.RunAxe();
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{url}: {v.Id} {v.Help}"));
        }
        problems.Should().BeEmpty();
        await context.CloseAsync();
    }

    /// <summary>Every GET page of the portal (no named handlers: exports are not pages), with real demo ids.</summary>
    private async Task<IReadOnlyList<string>> CatalogUrlsAsync()
    {
        await using var db = browser.CreateContext();
        var review = await db.Reviews.Where(r => r.ExternalId == "R0289").Select(r => r.Id).SingleAsync();
        var thread = await db.Threads.OrderBy(t => t.Id).Select(t => t.Id).FirstOrDefaultAsync();
        var contact = await db.Contacts.Where(c => db.Customers.Any(x => x.Id == c.CustomerId && x.Email == DemoUsers.Customer))
            .OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync();
        var user = await db.Users.Where(u => u.Email == DemoUsers.RepOneBrand).Select(u => u.Id).SingleAsync();
        var values = new Dictionary<string, string>
        {
            ["threadId"] = thread.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return PageCatalog.Discover(browser.Factory.Services)
            .Where(h => h.Verb == "GET" && h.Handler is null)
            .Select(h => h.Url(h.Route switch
            {
                var r when r.StartsWith("Brands/Reviews", StringComparison.Ordinal) => new Dictionary<string, string> { ["id"] = $"{review}" },
                var r when r.StartsWith("YourAccount/MessageCenter", StringComparison.Ordinal) => new Dictionary<string, string> { ["id"] = $"{contact}" },
                var r when r.StartsWith("Admin/Users", StringComparison.Ordinal) => new Dictionary<string, string> { ["id"] = $"{user}" },
                _ => values,
            }))
            .ToList();
    }
}
