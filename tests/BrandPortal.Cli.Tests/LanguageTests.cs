using System.Diagnostics;
using System.Globalization;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Cli.Tests;

/// <summary>The command line speaks the operator's language: the environment's (LANG / LC_ALL) or the one --language names.</summary>
public sealed class LanguageTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    [Fact]
    public async Task Migrate_LanguageGerman_SaysSoInGerman()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "--language", "de", "migrate");

        exit.Should().Be(0, output);
        output.Should().Contain("Die Datenbank ist auf dem neuesten Stand.").And.NotContain("Database is up to date.");
    }

    [Fact]
    public async Task ApiKeyCreate_LanguageGerman_RefusalInGerman()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "apikey", "create", "--seller", "S1", "--scopes", "", "--name", "Helpdesk", "--language=de");

        exit.Should().Be(1, output);
        output.Should().Contain("Der Schlüssel wurde nicht erstellt.")
            .And.Contain("Wählen Sie mindestens einen Bereich: reviews:read, contacts:read, webhooks:manage.");
    }

    [Fact]
    public async Task ApiKeyCreate_LanguageGermanScopeOfThePlatform_ReasonInGermanWithTheScopeAsTyped()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "--language", "de", "apikey", "create", "--seller", "S1", "--scopes", "catalog:write", "--name", "Helpdesk");

        exit.Should().Be(1, output);
        output.Should().Contain("Ein Kontoschlüssel kann den Bereich „catalog:write“ nicht haben; möglich sind reviews:read")
            .And.NotContain("cannot have the scope");
    }

    [Fact]
    public async Task ApiKeyCreate_LanguageJapanese_MessageInJapaneseAndTheKeyStillAloneOnTheLastLine()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "--language", "ja", "apikey", "create", "--platform", "--scopes", "orders:write", "--name", "受注システム");

        exit.Should().Be(0, output);
        output.Should().Contain("を作成しました。今すぐコピーしてください。");
        LastLine(output).Should().MatchRegex("^bp_live_[a-z0-9]{8}_[a-z0-9]{32}$");
    }

    [Fact]
    public async Task Run_JapaneseUiCulture_UsageErrorAndUsageInJapanese()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("ja-JP");
        try
        {
            var (exit, output) = await Cli.RunWithoutDatabaseAsync("frobnicate");

            exit.Should().Be(2);
            output.Should().Contain("不明なコマンドまたは引数です：frobnicate").And.Contain("使い方：dotnet run --project src/BrandPortal.Cli -- <command>")
                .And.Contain("データベースのマイグレーションを適用します").And.Contain("import FILE.json");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task Process_LangJapanese_SpeaksJapanese()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "BrandPortal.Cli.dll"), "frobnicate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LANG"] = "ja_JP.UTF-8", ["LC_ALL"] = "ja_JP.UTF-8", ["ConnectionStrings__BrandPortal"] = "Host=127.0.0.1;Port=1" },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(2, output);
        output.Should().Contain("不明なコマンドまたは引数です：frobnicate");
    }

    [Fact]
    public async Task Run_UnsupportedLanguage_Exits2NamingTheLanguages()
    {
        var (exit, output) = await Cli.RunWithoutDatabaseAsync("--language", "pt", "migrate");

        exit.Should().Be(2);
        output.Should().Contain("--language needs one of: en, de, fr, es, ja.");
    }

    private static string ImportFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"brandportal-import-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>One good seller, and a review of an unknown product whose rating is out of range.</summary>
    private static string BadShape(string seller) => $$"""
        {"sellers": [{"id": "{{seller}}", "name": "Lang Goods", "plan": "Professional", "standing": "Good"}],
         "reviews": [{"id": "R{{seller}}", "asin": "B000000001", "customerId": "C1", "rating": 9, "title": "Odd", "body": "x",
                      "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": false}]}
        """;

    /// <summary>Well formed, but its brand names a seller that does not exist.</summary>
    private static string BadReference(string seller) => $$"""
        {"sellers": [{"id": "{{seller}}", "name": "Lang Goods", "plan": "Professional", "standing": "Good"}],
         "brands": [{"id": "B{{seller}}", "name": "Lang", "registered": true, "sellerIds": ["S404"]}]}
        """;

    private static string Good(string seller) => $$"""
        {"sellers": [{"id": "{{seller}}", "name": "Lang Goods", "plan": "Professional", "standing": "Good"}]}
        """;

    [Fact]
    public async Task Import_LanguageGerman_SummaryAndEveryProblemInGermanWithPathsAndIdsAsWritten()
    {
        var bad = ImportFile(BadShape("SDE"));
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "--language", "de", "import", bad);
        var (exit2, output2) = await Cli.RunAsync(database.ConnectionString, "--language", "de", "import", ImportFile(BadReference("SDE")));
        var good = ImportFile(Good("SDE"));
        var (exit3, output3) = await Cli.RunAsync(database.ConnectionString, "--language", "de", "import", good);

        exit.Should().Be(1, output);
        output.Should().Contain($"{bad} wurde nicht importiert: 1 Problem(e); es wurde nichts geändert.")
            .And.Contain("$.reviews[0].rating: muss zwischen 1 und 5 liegen").And.NotContain("must be");
        exit2.Should().Be(1, output2);
        output2.Should().Contain("$.brands[0].sellerIds[0]: unbekannter Verkäufer S404").And.NotContain("unknown seller");
        exit3.Should().Be(0, output3);
        output3.Should().Contain($"{good} importiert: 1 Verkäufer, 0 Marken, 0 Benutzer, 0 Kunden, 0 Produkte, 0 Bestellungen, 0 Rezensionen.");
    }

    [Fact]
    public async Task Import_LanguageJapanese_SummaryAndEveryProblemInJapaneseWithPathsAndIdsAsWritten()
    {
        var bad = ImportFile(BadShape("SJA"));
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "--language", "ja", "import", bad);
        var (exit2, output2) = await Cli.RunAsync(database.ConnectionString, "--language", "ja", "import", ImportFile(BadReference("SJA")));
        var (exit3, output3) = await Cli.RunAsync(database.ConnectionString, "--language", "ja", "import", ImportFile(Good("SJA")));

        exit.Should().Be(1, output);
        output.Should().Contain($"{bad}はインポートされませんでした：問題1件。何も変更されていません。")
            .And.Contain("$.reviews[0].rating: 1～5 にしてください").And.NotContain("must be");
        exit2.Should().Be(1, output2);
        output2.Should().Contain("$.brands[0].sellerIds[0]: 不明な出品者 S404").And.NotContain("unknown seller");
        exit3.Should().Be(0, output3);
        output3.Should().Contain("出品者 1 件、ブランド 0 件、ユーザー 0 件、顧客 0 件、商品 0 件、注文 0 件、レビュー 0 件");
    }
}
