using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Cli.Tests;

public sealed class SeedDemoCommandTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task SeedDemo_EmptyDatabase_LoadsTheDemoDataItsContactsConversationsEditedReviewNotesAndSavedViews()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "seed-demo");

        exit.Should().Be(0, output);
        output.Should().MatchRegex(@"Demo data loaded: 3 sellers, \d+ brands, \d+ users, \d+ customers, \d+ products, \d+ orders, \d+ reviews\.")
            .And.Contain("Demo contacts made: 3").And.Contain("Demo conversations of the past weeks made: 4")
            .And.Contain("Demo reviews edited after their contact: 1")
            .And.Contain("Demo internal notes and saved views made: 4");
        await using var db = database.CreateContext();
        (await db.Reviews.CountAsync()).Should().BeGreaterThanOrEqualTo(300);
        (await db.Contacts.CountAsync()).Should().Be(7, "3 demo contacts and 4 conversations of the past weeks");
        (await db.ReviewVersions.CountAsync()).Should().Be(1, "one review changed its rating after its contact");
        (await db.ReviewNotes.CountAsync()).Should().Be(2, "two internal notes on one review");
        (await db.SavedViews.CountAsync(v => v.Shared)).Should().Be(1, "the shared view \"1★ last 30 days\"");
        (await db.SavedViews.CountAsync(v => !v.Shared)).Should().Be(1);
    }
}
