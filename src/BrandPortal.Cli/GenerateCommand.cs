using System.Collections.Concurrent;
using System.Diagnostics;
using BrandPortal.Core.Data;
using BrandPortal.Core.Generate;
using Spectre.Console;

namespace BrandPortal.Cli;

/// <summary>`generate --reviews N --brands N [--seed N] [--bench-password P]`: migrates, then streams synthetic data in.</summary>
public static class GenerateCommand
{
    /// <param name="connectionString">Asked for only once the arguments are good: it may start the development cluster.</param>
    public static async Task<int> RunAsync(IAnsiConsole console, string[] args, Func<Task<string>> connectionString)
    {
        if (Parse(args) is not { } options)
        {
            console.MarkupLineInterpolated($"[red]{CliText.T("generate needs --reviews N and --brands N (positive whole numbers); --seed N and --bench-password P are optional.")}[/]");
            console.WriteLine(CliApp.Usage());
            return 2;
        }
        var database = await connectionString();
        await using (var db = DbContextOptionsSetup.Create(database))
            await DatabaseInitializer.MigrateAsync(db);

        var clock = Stopwatch.StartNew();
        GenerateSummary summary;
        try
        {
            summary = await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx => await new DataGenerator(database, options, TimeProvider.System).RunAsync(new SpectreProgress(ctx)));
        }
        catch (GenerateRefused ex)
        {
            console.MarkupLineInterpolated($"[red]{CoreText.Message(ex.Message)}[/]");
            return 1;
        }
        console.MarkupLineInterpolated($"[green]{CliText.T("Generated in {0:0.0} s: {1}.", clock.Elapsed.TotalSeconds, Summary(summary))}[/]");
        // Topics are counted by `topics rebuild`, not here: at a million reviews the count takes far longer than the load.
        console.MarkupLineInterpolated($"{CliText.T("Run topics rebuild to count the generated reviews' topics.")}");
        console.MarkupLineInterpolated($"{CliText.T("Sign in as {0} with the password {1}.", GenerateOptions.BenchUserEmail, options.BenchPassword)}");
        console.MarkupLineInterpolated($"{CliText.T("{0} (same password) represents {1} brands.", GenerateOptions.AgencyUserEmail, Math.Min(GenerateOptions.AgencyBrandCount, options.Brands))}");
        return 0;
    }

    /// <summary>What <see cref="GenerateSummary.ToString"/> says, in the current language.</summary>
    private static string Summary(GenerateSummary s) => CliText.T(
        "{0:N0} sellers, {1:N0} brands, {2:N0} users, {3:N0} customers, {4:N0} products, {5:N0} orders, {6:N0} reviews; {7} indexes and foreign keys rebuilt",
        s.Sellers, s.Brands, s.Users, s.Customers, s.Products, s.Orders, s.Reviews, s.IndexesRebuilt);

    public static GenerateOptions? Parse(string[] args)
    {
        int? reviews = null, brands = null;
        var seed = 1;
        var password = GenerateOptions.DefaultBenchPassword;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--reviews" when int.TryParse(value, out var r) && r > 0: reviews = r; i++; break;
                case "--brands" when int.TryParse(value, out var b) && b > 0: brands = b; i++; break;
                case "--seed" when int.TryParse(value, out var s) && s >= 0: seed = s; i++; break;
                case "--bench-password" when value is { Length: >= 12 }: password = value; i++; break;
                default: return null;
            }
        }
        return reviews is null || brands is null ? null : new GenerateOptions(reviews.Value, brands.Value, seed, password);
    }

    /// <summary>Rows per second column: Spectre's own rate is per task and updates with each increment.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
            => new Markup(task.Speed is { } speed ? $"{speed:N0}/s" : "");
    }

    private sealed class SpectreProgress(ProgressContext ctx) : IGenerateProgress
    {
        private readonly ConcurrentDictionary<string, ProgressTask> _tasks = new();
        private readonly Lock _gate = new();

        public void Start(string step, long total)
        {
            // The step is Core's English name and stays the key; the bar shows it in the operator's language (as markup: escaped).
            lock (_gate) _tasks[step] = ctx.AddTask(Markup.Escape(CliText.Word(step)), maxValue: Math.Max(1, total));
        }

        public void Advance(string step, long rows)
        {
            if (_tasks.TryGetValue(step, out var task)) lock (_gate) task.Increment(rows);
        }
    }
}
