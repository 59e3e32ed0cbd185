using BrandPortal.Testing;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests;

/// <summary>
/// Real Chromium driven by Playwright against the portal served on a real loopback port. Finds Chromium at
/// CHROMIUM_PATH or /usr/bin/chromium; without one the tests skip with the reason, except under CI=true, where a
/// missing browser fails the run.
/// </summary>
public sealed class BrowserFixture : DemoPortal
{
    public static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public string BaseUrl { get; private set; } = "";
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }
    public string? MissingReason { get; private set; }

    public static string? ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured)) return configured;
        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var chromium = ChromiumPath();
        if (chromium is null)
        {
            MissingReason = "Chromium not found (install it: apt-get install -y chromium, or set CHROMIUM_PATH).";
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(MissingReason + " CI=true requires it.");
            return;
        }
        BaseUrl = Factory.StartOnLoopbackAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    /// <summary>A fresh browser context (own cookies) signed in as the given user.</summary>
    public async Task<IPage> SignedInPageAsync(string email)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    public static string ScreenshotPath(string name)
    {
        var root = Core.Hosting.LocalPostgres.RepositoryRoot(AppContext.BaseDirectory) ?? AppContext.BaseDirectory;
        var dir = Path.Combine(root, "docs", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>A fact that skips (with its reason) when no browser is available outside CI.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserFixture.ChromiumPath() is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "Chromium not found (install it: apt-get install -y chromium, or set CHROMIUM_PATH).";
    }
}

/// <summary>A theory that runs only where Chromium is (as <see cref="BrowserFactAttribute"/>).</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (BrowserFixture.ChromiumPath() is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "Chromium not found (install it: apt-get install -y chromium, or set CHROMIUM_PATH).";
    }
}
