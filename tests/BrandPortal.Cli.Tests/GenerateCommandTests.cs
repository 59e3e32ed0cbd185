using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Cli.Tests;

public sealed class GenerateCommandTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task Generate_Small_Exits0AndFillsTheDatabase()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "generate", "--reviews", "200", "--brands", "3", "--seed", "7");

        exit.Should().Be(0, output);
        output.Should().Contain("Generated in").And.Contain("Sign in as bench.rep@bench.test");
        await using var db = database.CreateContext();
        (await db.Reviews.CountAsync()).Should().Be(200);
        (await db.Brands.CountAsync()).Should().Be(3);
    }
}
