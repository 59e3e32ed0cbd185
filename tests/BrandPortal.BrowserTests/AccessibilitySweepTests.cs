using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.BrowserTests;

/// <summary>
/// axe-core in Chromium on every page of the demo, as every kind of user: the pages come from the navigation each
/// user sees and from the portal's own endpoints (PageCatalog), id-bearing ones filled with real ids (a conversation is
/// created first, so Thread and Message are real pages), so a page added tomorrow is checked without anyone listing it.
/// A page's own users must get it (200), 404s are not counted as audited, and the pages audited are printed. Serious and
/// critical violations fail the test.
/// </summary>
public sealed class AccessibilitySweepTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
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
        var catalog = await CatalogUrlsAsync();
        var page = await browser.SignedInPageAsync(email);
        var urls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var href in await page.Locator("header a[href^='/'], nav a[href^='/']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
            urls.Add(href);
        foreach (var (url, _) in catalog) urls.Add(url);

        var problems = new List<string>();
        var audited = new List<string>();
        foreach (var url in urls.Where(u => !Skipped.Any(s => u.StartsWith(s, StringComparison.Ordinal))))
        {
            var response = await page.GotoAsync(url);
            var status = (int?)response?.Status ?? 0;
            if (page.Url.Contains("/Account/Login", StringComparison.Ordinal) && !url.StartsWith("/Account/Login", StringComparison.Ordinal))
                continue; // signed out by a page? never expected, but then the rest would test the login page only
            status.Should().BeLessThan(500, $"{url} as {email}");
            // A page's own users must get the page itself, not an error page in its place; for other roles a 404
            // is the error page again (audited once, as the anonymous sweep's "/Alerts/Unsubscribe" does), so it is skipped.
            var audience = catalog.FirstOrDefault(c => c.Url == url).Audience;
            if (audience is not null && audience.Contains(email)) status.Should().Be(200, $"{url} is a page of {email}");
            if (status == 404) continue;
            var result = await page.RunAxe();
            audited.Add(url);
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{url} as {email}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }
        output.WriteLine($"{email}: {audited.Count} pages audited of {urls.Count} found:\n{string.Join("\n", audited)}");
        problems.Should().BeEmpty();
        audited.Count.Should().BeGreaterThan(5, "the sweep audited the portal's pages");
        foreach (var (url, audience) in catalog.Where(c => c.Audience.Contains(email)))
            audited.Should().Contain(url, $"{url} is a page of {email}");
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

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _threadCreated;

    /// <summary>
    /// Every GET page of the portal (no named handlers: exports are not pages), with real ids, and the roles whose page
    /// it is. Thread and Message pages need a conversation: one is created first, as the portal creates it (the
    /// representative contacts Jane for Customer Support, Jane replies).
    /// </summary>
    private async Task<IReadOnlyList<(string Url, string[] Audience)>> CatalogUrlsAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!_threadCreated)
            {
                await CreateThreadAsync();
                await CreateNoteAndViewsAsync();
            }
            _threadCreated = true;
        }
        finally { Gate.Release(); }

        await using var db = browser.CreateContext();
        var review = await db.Reviews.Where(r => r.ExternalId == "R0289").Select(r => r.Id).SingleAsync();
        var contact = await db.Contacts.Where(c => c.ReviewId == review).Select(c => c.Id).SingleAsync();
        var thread = await db.Threads.Where(t => t.ContactId == contact).Select(t => t.Id).SingleAsync();
        var user = await db.Users.Where(u => u.Email == DemoUsers.RepOneBrand).Select(u => u.Id).SingleAsync();
        string[] reps = [DemoUsers.RepTwoBrands];
        return PageCatalog.Discover(browser.Factory.Services)
            .Where(h => h.IsPage && h.Verb == "GET" && h.Handler is null)
            .Select(h => h.Route switch
            {
                var r when r.StartsWith("Brands/Reviews/", StringComparison.Ordinal) => (h.Url(new Dictionary<string, string> { ["id"] = $"{review}" }), reps),
                var r when r.StartsWith("Brands/Messages/", StringComparison.Ordinal) => (h.Url(new Dictionary<string, string> { ["threadId"] = $"{thread}" }), reps),
                var r when r.StartsWith("YourAccount/MessageCenter/", StringComparison.Ordinal) => (h.Url(new Dictionary<string, string> { ["id"] = $"{contact}" }), [DemoUsers.Customer]),
                var r when r.StartsWith("Admin/Users/", StringComparison.Ordinal) => (h.Url(new Dictionary<string, string> { ["id"] = $"{user}" }), [DemoUsers.AccountAdmin]),
                _ => (h.Url(new Dictionary<string, string>()), Array.Empty<string>()),
            })
            .ToList();
    }

    private async Task CreateThreadAsync()
    {
        await using var db = browser.CreateContext();
        var review = await db.Reviews.Where(r => r.ExternalId == "R0289").Select(r => r.Id).SingleAsync();
        if (await db.Threads.AnyAsync(t => db.Contacts.Any(c => c.Id == t.ContactId && c.ReviewId == review))) return;
        using var rep = await Http(DemoUsers.RepTwoBrands);
        var sent = await rep.PostFormAsync($"/Brands/Reviews/{review}/Contact", new Dictionary<string, string> { ["Reason"] = nameof(ContactReason.CustomerSupport) });
        sent.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        var contact = await db.Contacts.Where(c => c.ReviewId == review).Select(c => c.Id).SingleAsync();
        using var jane = await Http(DemoUsers.Customer);
        var url = $"/YourAccount/MessageCenter/{contact}";
        var replied = await jane.PostFormAsync($"{url}?handler=Reply", new Dictionary<string, string> { ["Reply"] = "The toaster burns one side." }, url);
        replied.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, await replied.Content.ReadAsStringAsync());
        // The review had another rating when it was contacted: its Contact page shows Edited with the earlier version,
        // and the dashboard a rating changed after the contact, so both are audited too.
        var now = await db.Reviews.Where(r => r.Id == review).Select(r => new { r.Rating, r.CreatedAt }).SingleAsync();
        db.ReviewVersions.Add(new ReviewVersion
        {
            ReviewId = review, Rating = (short)(now.Rating == 1 ? 2 : 1), Title = "Burns the bread", Body = "It burns one side of the bread.",
            ValidFrom = now.CreatedAt, ReplacedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A note on the Contact page of the audited review and a private and a shared saved view, so that the notes list
    /// with its Delete button, the filter panel's view links and the Views page's rename and delete forms are audited.
    /// </summary>
    private async Task CreateNoteAndViewsAsync()
    {
        await using var db = browser.CreateContext();
        var review = await db.Reviews.Where(r => r.ExternalId == "R0289").Select(r => r.Id).SingleAsync();
        if (await db.ReviewNotes.AnyAsync(n => n.ReviewId == review)) return;
        using var rep = await Http(DemoUsers.RepTwoBrands);
        var page = $"/Brands/Reviews/{review}/Contact";
        var noted = await rep.PostFormAsync($"{page}?handler=AddNote", new Dictionary<string, string> { ["text"] = "Called the warehouse: replacement sent." }, page);
        noted.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, await noted.Content.ReadAsStringAsync());
        foreach (var (name, visibility) in new[] { ("Mine: 1★", "Private"), ("Team: not contacted", "Shared") })
        {
            var saved = await rep.PostFormAsync("/Brands/Reviews/Views?handler=Save",
                new Dictionary<string, string> { ["name"] = name, ["visibility"] = visibility, ["query"] = "stars=1" }, "/Brands/Reviews/Views");
            saved.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A signed-in HTTP client on the portal's loopback port (the browser's server).</summary>
    private async Task<PortalClient> Http(string email)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() };
        var client = new PortalClient(new HttpClient(handler) { BaseAddress = new Uri(browser.BaseUrl) });
        await client.SignInAsync(email, DemoUsers.Password);
        return client;
    }
}
