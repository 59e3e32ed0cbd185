using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Email;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Hosting;
using BrandPortal.Core.Import;
using BrandPortal.Core.Topics;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace BrandPortal.Cli;

/// <summary>
/// `brandportal migrate | import FILE | seed-demo | generate | topics | apikey`. Reads the same configuration keys as the portal
/// (appsettings.json beside it, then environment variables such as ConnectionStrings__BrandPortal). With no
/// connection string, it uses the development cluster that `dotnet run --project src/BrandPortal.Web` starts.
/// Exit codes: 0 done, 1 the input was refused (nothing changed), 2 usage or configuration problem.
/// </summary>
public static class CliApp
{
    /// <summary>The commands and what each does; the descriptions are translated, the syntax is typed as it stands.</summary>
    private static readonly (string[] Syntax, string Description)[] Commands =
    [
        (["migrate"], "apply the database migrations"),
        (["import FILE.json"], "validate FILE and load it in one transaction (nothing changes if any record is bad)"),
        (["seed-demo"], "load the shipped demo data (dates moved so the newest review is yesterday)"),
        (["generate --reviews N --brands N [--seed N] [--bench-password P]"],
            "fill the database with synthetic sellers, brands, users, customers, products, orders and reviews by binary COPY (e.g. --reviews 1000000 --brands 10000); signs in as bench.rep@bench.test with P (default BrandPortal-Bench-2026)"),
        (["apikey create --platform --scopes catalog:write,orders:write --name NAME", "apikey create --seller S1 --scopes reviews:read,contacts:read --name NAME"],
            "make an API key (platform, or for the seller account with that id); the key is printed once, alone on the last line, and stored only as a hash"),
        (["apikey list"], "every key: prefix, kind, seller, scopes, creator, created, last used, revoked"),
        (["apikey revoke PREFIX"], "refuse the key from the next request on"),
        (["topics rebuild"], "count the topic statistics of every review again (after a change of the stop words)"),
        (["topics refresh"], "count them for the reviews changed since the last count"),
        (["topics show EMAIL BRAND_ID [PRODUCT_ID]"], "the topics panel that user sees (last 12 months), with its time cold and warm"),
        (["--language en|de|fr|es|ja"], "the language of the messages (by default the environment's: LANG, LC_ALL)"),
    ];

    /// <summary>How to call the command line, in the current language.</summary>
    public static string Usage()
    {
        const int column = 26;
        var lines = new List<string> { CliText.T("Usage: {0}", "dotnet run --project src/BrandPortal.Cli -- <command>"), "" };
        foreach (var (syntax, description) in Commands)
        {
            var heads = syntax.Select(s => "  " + s).ToList();
            // The description starts beside the last syntax line when that line leaves room, else on a line of its own.
            var first = heads[^1].Length < column ? heads[^1].PadRight(column) : null;
            lines.AddRange(first is null ? heads : heads.SkipLast(1));
            var wrapped = Wrap(CliText.T(description), 90);
            lines.Add((first ?? new string(' ', column)) + wrapped[0]);
            lines.AddRange(wrapped.Skip(1).Select(l => new string(' ', column) + l));
        }
        lines.Add("");
        lines.AddRange(Wrap(CliText.T("Configuration: ConnectionStrings__BrandPortal (environment) or appsettings.json; without it the development cluster of this checkout is used."), 108));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Lines of at most <paramref name="width"/> characters, broken at spaces (Japanese, written without them, stays whole).</summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string> { "" };
        foreach (var word in text.Split(' '))
        {
            if (lines[^1].Length > 0 && lines[^1].Length + 1 + word.Length > width) lines.Add("");
            lines[^1] += lines[^1].Length > 0 ? " " + word : word;
        }
        return lines;
    }

    private static LocalPostgres? _startedCluster;

    /// <param name="args">The command line.</param>
    /// <param name="output">Where to write instead of the terminal (plain text, no colours).</param>
    /// <param name="settings">Configuration that wins over appsettings.json and the environment (tests pass the database here).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var console = output is null ? AnsiConsole.Console : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        // Error lines carry JSON paths: never wrap them.
        console.Profile.Width = Math.Max(console.Profile.Width, 200);
        var (language, rest) = CliText.TakeLanguage(args);
        if (language is not null && !CliText.Languages.Contains(language))
            return UsageError(console, CliText.T("--language needs one of: {0}.", string.Join(", ", CliText.Languages)));
        try
        {
            return await CliText.InLanguageAsync(language, () => RunCommandAsync(console, rest, Configuration(settings)));
        }
        finally
        {
            // A development cluster this command had to start is stopped again; one the portal runs is left alone.
            if (_startedCluster is { StartedHere: true } cluster) await cluster.StopAsync();
            _startedCluster = null;
        }
    }

    private static IConfiguration Configuration(IReadOnlyDictionary<string, string?>? settings) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
        .Build();

    private static async Task<int> RunCommandAsync(IAnsiConsole console, string[] args, IConfiguration config)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            console.WriteLine(Usage());
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(console, config),
                "import" when args.Length == 2 => await ImportAsync(console, config, args[1]),
                "seed-demo" => await SeedDemoAsync(console, config),
                "apikey" => await ApiKeyCommand.RunAsync(console, args[1..], () => ConnectionStringAsync(config)),
                "generate" => await GenerateCommand.RunAsync(console, args[1..], () => ConnectionStringAsync(config)),
                "topics" => await TopicsCommand.RunAsync(console, args[1..], () => ConnectionStringAsync(config)),
                _ => UsageError(console, CliText.T("Unknown command or arguments: {0}", string.Join(' ', args))),
            };
        }
        catch (ConfigurationProblem ex)
        {
            console.MarkupLineInterpolated($"[red]{CliText.Word(ex.Message)}[/]");
            return 2;
        }
    }

    private static int UsageError(IAnsiConsole console, string message)
    {
        console.MarkupLineInterpolated($"[red]{message}[/]");
        console.WriteLine(Usage());
        return 2;
    }

    private static async Task<int> MigrateAsync(IAnsiConsole console, IConfiguration config)
    {
        await using var db = DbContextOptionsSetup.Create(await ConnectionStringAsync(config));
        await DatabaseInitializer.MigrateAsync(db);
        console.MarkupLineInterpolated($"[green]{CliText.T("Database is up to date.")}[/]");
        return 0;
    }

    private static async Task<int> ImportAsync(IAnsiConsole console, IConfiguration config, string path)
    {
        if (!File.Exists(path))
        {
            console.MarkupLineInterpolated($"[red]{CliText.T("No such file: {0}", path)}[/]");
            return 2;
        }
        string json;
        try { json = await File.ReadAllTextAsync(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]{CliText.T("Cannot read {0}: {1}", path, ex.Message)}[/]");
            return 2;
        }
        var database = await ConnectionStringAsync(config);
        await using var db = DbContextOptionsSetup.Create(database);
        await DatabaseInitializer.MigrateAsync(db);
        var result = await new ImportService(db).ImportAsync(json);
        // The import committed its reviews; their topic statistics are counted before the command returns (in
        // batches of their own, beside a running portal's background refresh), so what the file brought is complete.
        if (result.Succeeded) await TopicIndex.RefreshAllAsync(database);
        return Report(console, path, result);
    }

    public static int Report(IAnsiConsole console, string what, ImportResult result)
    {
        if (result.Succeeded)
        {
            console.MarkupLineInterpolated($"[green]{CliText.T("Imported {0}: {1}.", what, CoreText.Summary(result.Applied!))}[/]");
            return 0;
        }
        console.MarkupLineInterpolated($"[red]{CliText.T("{0} was not imported: {1} problem(s); nothing was changed.", what, result.Errors.Count)}[/]");
        foreach (var e in result.Errors) console.WriteLine($"  {CoreText.Error(e)}");
        return 1;
    }

    private static async Task<int> SeedDemoAsync(IAnsiConsole console, IConfiguration config)
    {
        await using var db = DbContextOptionsSetup.Create(await ConnectionStringAsync(config));
        await DatabaseInitializer.MigrateAsync(db);
        var summary = await DatabaseInitializer.SeedDemoAsync(db, TimeProvider.System);
        console.MarkupLineInterpolated($"[green]{CliText.T("Demo data loaded: {0}.", CoreText.Summary(summary))}[/]");
        // The demo contacts' emails link to the portal: use the same Portal:BaseUrl as the portal.
        var portal = new PortalOptions();
        config.GetSection(PortalOptions.Section).Bind(portal);
        var contacts = await DemoContacts.SeedAsync(db, portal, TimeProvider.System);
        console.MarkupLineInterpolated($"[green]{CliText.T("Demo contacts made: {0} (their emails wait in the outbox for the portal to send).", contacts)}[/]");
        var conversations = await DemoConversations.SeedAsync(db, portal, TimeProvider.System);
        console.MarkupLineInterpolated($"[green]{CliText.T("Demo conversations of the past weeks made: {0}.", conversations)}[/]");
        var edits = await DemoEdits.SeedAsync(db);
        console.MarkupLineInterpolated($"[green]{CliText.T("Demo reviews edited after their contact: {0}.", edits)}[/]");
        var notes = await BrandPortal.Core.Notes.DemoNotes.SeedAsync(db, TimeProvider.System);
        console.MarkupLineInterpolated($"[green]{CliText.T("Demo internal notes and saved views made: {0}.", notes)}[/]");
        var queue = await DemoQueue.SeedAsync(db, TimeProvider.System);
        console.MarkupLineInterpolated($"[green]{CliText.T("Demo reviews done or assigned: {0}.", queue)}[/]");
        return 0;
    }

    private static async Task<string> ConnectionStringAsync(IConfiguration config)
    {
        if (config.GetConnectionString("BrandPortal") is { Length: > 0 } configured) return configured;

        var dataDirectory = LocalPostgres.DevelopmentDataDirectory(Directory.GetCurrentDirectory());
        if (LocalPostgres.FindBinaries() is null) throw new ConfigurationProblem(LocalPostgres.MissingBinariesMessage);
        var cluster = await LocalPostgres.StartAsync(dataDirectory);
        _startedCluster ??= cluster;
        await cluster.EnsureDatabaseAsync("brandportal");
        return cluster.ConnectionString("brandportal");
    }
}

public sealed class ConfigurationProblem(string message) : Exception(message);
