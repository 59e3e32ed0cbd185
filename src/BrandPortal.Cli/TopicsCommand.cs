using System.Diagnostics;
using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Topics;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace BrandPortal.Cli;

/// <summary>
/// `topics rebuild`: forgets the topic statistics and counts every review again — after a change of the stop words or
/// the term rules. `topics refresh` counts only the (product, month) groups whose reviews changed since.
/// `topics show EMAIL BRAND_ID [PRODUCT_ID]` prints the panel that user sees (last 12 months) and how long it took,
/// the first run cold and the median of ten more warm: the figure docs/BENCHMARKS.md records.
/// </summary>
public static class TopicsCommand
{
    public static async Task<int> RunAsync(IAnsiConsole console, string[] args, Func<Task<string>> connectionString)
    {
        if (args is ["show", var email, var brand, .. var rest] && rest.Length <= 1)
            return await ShowAsync(console, await connectionString(), email, brand, rest.FirstOrDefault());
        if (args is not ["rebuild"] and not ["refresh"])
        {
            console.MarkupLineInterpolated($"[red]{CliText.T("topics needs rebuild, refresh or show.")}[/]");
            console.WriteLine(CliApp.Usage());
            return 2;
        }
        var database = await connectionString();
        await using (var db = DbContextOptionsSetup.Create(database))
            await DatabaseInitializer.MigrateAsync(db);
        var clock = Stopwatch.StartNew();
        var groups = args[0] == "rebuild"
            ? await TopicIndex.RebuildAsync(database)
            : await TopicIndex.RefreshAllAsync(database);
        console.MarkupLineInterpolated($"[green]{CliText.T("Topics counted for {0:N0} (product, month) groups in {1:0.0} s.", groups, clock.Elapsed.TotalSeconds)}[/]");
        return 0;
    }

    private static async Task<int> ShowAsync(IAnsiConsole console, string database, string email, string brandText, string? productText)
    {
        if (!long.TryParse(brandText, NumberStyles.None, CultureInfo.InvariantCulture, out var brand)
            || (productText is not null && !long.TryParse(productText, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            console.MarkupLineInterpolated($"[red]{CliText.T("topics show needs a user's email, a brand id and optionally a product id.")}[/]");
            return 2;
        }
        long? product = productText is null ? null : long.Parse(productText, CultureInfo.InvariantCulture);
        await using var db = DbContextOptionsSetup.Create(database);
        var userId = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => (long?)u.Id).SingleOrDefaultAsync();
        if (userId is null || await new AccessService(db).LoadAsync(userId.Value) is not { } user)
        {
            console.MarkupLineInterpolated($"[red]{CliText.T("No user {0}.", email)}[/]");
            return 1;
        }
        var service = new TopicService(db, TimeProvider.System);
        var times = new List<double>();
        TopicPanel? panel = null;
        for (var run = 0; run <= 10; run++)
        {
            var clock = Stopwatch.StartNew();
            panel = await service.LoadAsync(user, brand, product, ReviewPeriod.Last12Months, null);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        if (panel is null)
        {
            console.MarkupLineInterpolated($"[red]{CliText.T("{0} does not represent brand {1} or cannot see Customer Reviews.", email, brand)}[/]");
            return 1;
        }
        var warm = times.Skip(1).Order().ToList();
        console.WriteLine(CliText.T("{0:N0} reviews ({1:N0} critical) since {2:yyyy-MM}; cold {3:0.0} ms, warm median {4:0.0} ms (min {5:0.0}, max {6:0.0})",
            panel.Reviews, panel.CriticalReviews, panel.FromMonth, times[0], warm[warm.Count / 2], warm[0], warm[^1]));
        foreach (var (side, rows) in new[] { (CliText.T("critical"), panel.Negative), (CliText.T("positive"), panel.Positive) })
            foreach (var t in rows)
                console.WriteLine($"  {side,-8} {t.Key,-32} {t.Display,-28} " +
                                  CliText.T("{0,7:N0} mentions  {1,6:P1} of critical  {2:0.00}★ vs {3:0.00}★  z {4:0.0}", t.Mentions, t.CriticalShare, t.AverageWith ?? (object)"–", t.AverageWithout ?? (object)"–", t.Score));
        return 0;
    }
}
