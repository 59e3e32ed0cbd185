using System.Diagnostics;
using BrandPortal.Core.Data;
using BrandPortal.Core.Topics;
using Spectre.Console;

namespace BrandPortal.Cli;

/// <summary>
/// `topics rebuild`: forgets the topic statistics and counts every review again — after a change of the stop words or
/// the term rules. `topics refresh` counts only the (product, month) groups whose reviews changed since.
/// </summary>
public static class TopicsCommand
{
    public static async Task<int> RunAsync(IAnsiConsole console, string[] args, Func<Task<string>> connectionString)
    {
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
}
