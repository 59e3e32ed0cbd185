using BrandPortal.Core;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Spectre.Console;

namespace BrandPortal.Cli;

/// <summary>
/// `apikey create (--platform | --seller S1) --scopes a,b --name NAME`, `apikey list`, `apikey revoke PREFIX`: keys for
/// scripts and first set-up, made by whoever operates the database. `create` prints the key alone on the last line
/// of standard output, so that a script can take it with `tail -n 1`.
/// </summary>
public static class ApiKeyCommand
{
    /// <summary>Who the audit log names for what the command line did.</summary>
    private static readonly Actor CommandLine = new(null, "command line", null, null);

    /// <param name="connectionString">Asked for only once the arguments are good: it may start the development cluster.</param>
    public static async Task<int> RunAsync(IAnsiConsole console, string[] args, Func<Task<string>> connectionString)
    {
        switch (args)
        {
            case ["create", .. var rest] when ParseCreate(rest) is { } create:
                return await WithServiceAsync(connectionString, service => CreateAsync(console, service, create));
            case ["list"]:
                return await WithServiceAsync(connectionString, service => ListAsync(console, service));
            case ["revoke", var prefix]:
                return await WithServiceAsync(connectionString, async service =>
                {
                    var outcome = await service.RevokeByPrefixAsync(CommandLine, prefix);
                    if (outcome.Kind == OutcomeKind.NotFound)
                    {
                        console.MarkupLineInterpolated($"[red]{CliText.T("There is no API key with the prefix {0} (see apikey list).", prefix)}[/]");
                        return 1;
                    }
                    console.MarkupLineInterpolated($"[green]{CliText.Say(outcome)}[/]");
                    return 0;
                });
            default:
                console.MarkupLineInterpolated($"[red]{CliText.T("apikey needs: create (--platform | --seller ID) --scopes a,b --name NAME; list; or revoke PREFIX.")}[/]");
                console.WriteLine(CliApp.Usage());
                return 2;
        }
    }

    private sealed record CreateArgs(ApiKeyKind Kind, string? Seller, string Scopes, string Name);

    private static CreateArgs? ParseCreate(string[] args)
    {
        bool platform = false;
        string? seller = null, scopes = null, name = null;
        for (var i = 0; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "--platform": platform = true; break;
                case "--seller" when hasValue: seller = args[++i]; break;
                case "--scopes" when hasValue: scopes = args[++i]; break;
                case "--name" when hasValue: name = args[++i]; break;
                default: return null;
            }
        }
        // Exactly one of --platform and --seller says whom the key acts for.
        if (platform == (seller is not null) || scopes is null || name is null) return null;
        return new CreateArgs(platform ? ApiKeyKind.Platform : ApiKeyKind.Account, seller, scopes, name);
    }

    private static async Task<int> WithServiceAsync(Func<Task<string>> connectionString, Func<ApiKeyService, Task<int>> run)
    {
        await using var db = DbContextOptionsSetup.Create(await connectionString());
        await DatabaseInitializer.MigrateAsync(db);
        return await run(new ApiKeyService(db, TimeProvider.System));
    }

    private static async Task<int> CreateAsync(IAnsiConsole console, ApiKeyService service, CreateArgs args)
    {
        var created = await service.CreateFromCommandLineAsync(CommandLine, args.Kind, args.Seller, args.Name, [args.Scopes]);
        if (created.Key is null)
        {
            console.MarkupLineInterpolated($"[red]{CliText.Say(created.Outcome)}[/]");
            foreach (var reason in created.Outcome.Reasons) console.WriteLine($"  {CoreText.Message(reason.Detail)}");
            return 1;
        }
        console.MarkupLineInterpolated($"[green]{CliText.Say(created.Outcome)}[/]");
        // Plain, alone on the last line: what a script reads.
        console.WriteLine(created.Key);
        return 0;
    }

    private static async Task<int> ListAsync(IAnsiConsole console, ApiKeyService service)
    {
        var keys = await service.ListAllAsync();
        if (keys.Count == 0)
        {
            console.WriteLine(CliText.T("No API keys."));
            return 0;
        }
        var table = new Table().AddColumns(new[] { "Prefix", "Kind", "Seller", "Name", "Scopes", "Created by", "Created", "Last used", "Revoked" }
            .Select(header => CliText.T(header)).ToArray());
        foreach (var k in keys)
            table.AddRow(new[] { k.Prefix, CliText.T(k.Kind.ToString()), k.Seller ?? "", k.Name, string.Join(",", k.Scopes), k.CreatedBy,
                When(k.CreatedAt), k.LastUsedAt is { } used ? When(used) : CliText.T("never"), k.RevokedAt is { } revoked ? When(revoked) : "" }
                .Select(cell => new Text(cell)).ToArray());
        console.Write(table);
        return 0;
    }

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
