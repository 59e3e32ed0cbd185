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
            console.MarkupLine("[red]topics needs rebuild or refresh.[/]");
            console.WriteLine(CliApp.Usage);
            return 2;
        }
        var database = await connectionString();
        await using (var db = DbContextOptionsSetup.Create(database))
            await DatabaseInitializer.MigrateAsync(db);
        var clock = Stopwatch.StartNew();
        var groups = args[0] == "rebuild"
            ? await TopicIndex.RebuildAsync(database)
            : await TopicIndex.RefreshAllAsync(database);
        console.MarkupLineInterpolated($"[green]Topics counted for {groups:N0} (product, month) groups in {clock.Elapsed.TotalSeconds:0.0} s.[/]");
        return 0;
    }

    private static async Task<int> ShowAsync(IAnsiConsole console, string database, string email, string brandText, string? productText)
    {
        if (!long.TryParse(brandText, NumberStyles.None, CultureInfo.InvariantCulture, out var brand)
            || (productText is not null && !long.TryParse(productText, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            console.MarkupLine("[red]topics show needs a user's email, a brand id and optionally a product id.[/]");
            return 2;
        }
        long? product = productText is null ? null : long.Parse(productText, CultureInfo.InvariantCulture);
        await using var db = DbContextOptionsSetup.Create(database);
        var userId = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => (long?)u.Id).SingleOrDefaultAsync();
        if (userId is null || await new AccessService(db).LoadAsync(userId.Value) is not { } user)
        {
            console.MarkupLineInterpolated($"[red]No user {email}.[/]");
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
            console.MarkupLineInterpolated($"[red]{email} does not represent brand {brand} or cannot see Customer Reviews.[/]");
            return 1;
        }
        var warm = times.Skip(1).Order().ToList();
        console.WriteLine($"{panel.Reviews:N0} reviews ({panel.CriticalReviews:N0} critical) since {panel.FromMonth:yyyy-MM}; " +
                          $"cold {times[0]:0.0} ms, warm median {warm[warm.Count / 2]:0.0} ms (min {warm[0]:0.0}, max {warm[^1]:0.0})");
        foreach (var (side, rows) in new[] { ("critical", panel.Negative), ("positive", panel.Positive) })
            foreach (var t in rows)
                console.WriteLine($"  {side,-8} {t.Key,-32} {t.Display,-28} {t.Mentions,7:N0} mentions  {t.CriticalShare,6:P1} of critical  " +
                                  $"{t.AverageWith:0.00}★ vs {t.AverageWithout:0.00}★  z {t.Score:0.0}");
        return 0;
    }
}
