using FluentAssertions;
using Xunit;

namespace BrandPortal.Cli.Tests;

/// <summary>Usage mistakes exit with 2 and say what was wrong, before any database is needed.</summary>
public sealed class UsageTests
{
    [Fact]
    public async Task Run_UnknownCommand_Exits2NamingItAndShowsUsage()
    {
        var (exit, output) = await Cli.RunWithoutDatabaseAsync("frobnicate", "--now");

        exit.Should().Be(2);
        output.Should().Contain("Unknown command or arguments: frobnicate --now").And.Contain("Usage:");
    }

    [Fact]
    public async Task Run_NoArguments_Exits2WithUsage()
    {
        var (exit, output) = await Cli.RunWithoutDatabaseAsync();

        exit.Should().Be(2);
        output.Should().Contain("Usage:").And.Contain("import FILE.json");
    }

    [Fact]
    public async Task Run_Help_Exits0WithUsage()
    {
        var (exit, output) = await Cli.RunWithoutDatabaseAsync("--help");

        exit.Should().Be(0);
        output.Should().Contain("Usage:");
    }

    [Fact]
    public async Task Import_MissingFile_Exits2NamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");

        var (exit, output) = await Cli.RunWithoutDatabaseAsync("import", path);

        exit.Should().Be(2);
        output.Should().Contain($"No such file: {path}");
    }

    [Fact]
    public async Task Import_WithoutAFile_Exits2WithUsage()
    {
        var (exit, output) = await Cli.RunWithoutDatabaseAsync("import");

        exit.Should().Be(2);
        output.Should().Contain("Unknown command or arguments: import").And.Contain("Usage:");
    }

    [Theory]
    [InlineData("--reviews", "10")]
    [InlineData("--reviews", "0", "--brands", "1")]
    [InlineData("--reviews", "10", "--brands", "2", "--colour", "red")]
    public async Task Generate_BadArguments_Exits2SayingWhatItNeeds(params string[] arguments)
    {
        var (exit, output) = await Cli.RunWithoutDatabaseAsync(["generate", .. arguments]);

        exit.Should().Be(2);
        output.Should().Contain("generate needs --reviews N and --brands N");
    }
}
