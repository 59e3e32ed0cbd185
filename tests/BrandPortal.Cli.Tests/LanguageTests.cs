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
}
