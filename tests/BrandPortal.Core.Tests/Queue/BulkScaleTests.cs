using System.Diagnostics;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Generate;
using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Core.Tests.Queue;

/// <summary>700,000 generated reviews: the benchmark user's three brands hold about 100,000 of them.</summary>
public sealed class HundredThousandMatchesDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(false);
        await new DataGenerator(ConnectionString, new GenerateOptions(700_000, 1_000), TimeProvider.System).RunAsync();
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);
}

/// <summary>
/// Bulk *Mark as done* over "all matching" at about 100,000 matches: one statement, every match changed, nothing
/// loaded into the portal's memory. The time is printed for docs/BENCHMARKS.md, never asserted (the machine is shared).
/// </summary>
public sealed class BulkScaleTests(HundredThousandMatchesDatabase data, ITestOutputHelper output) : IClassFixture<HundredThousandMatchesDatabase>
{
    [Fact]
    public async Task Apply_DoneOnAllOfAbout100kMatches_ChangesEveryMatchWithOneAuditEntry()
    {
        await using var db = DbContextOptionsSetup.Create(data.ConnectionString);
        var userId = await db.Users.Where(u => u.Email == GenerateOptions.BenchUserEmail).Select(u => u.Id).SingleAsync();
        var user = (await new AccessService(db).LoadAsync(userId))!;
        var filter = ReviewFilter.Parse(new ReviewFilterInput(["1", "2", "3", "4", "5"], Period: "all"), user.RepresentedBrands).Filter;
        var selection = new BulkSelection(filter, true, []);
        var bulk = QueueWorld.Bulk(db);

        var clock = Stopwatch.StartNew();
        var (preview, _) = await bulk.PreviewAsync(user, BulkAction.Done, selection, null);
        var previewMs = clock.ElapsedMilliseconds;
        clock.Restart();
        var outcome = await bulk.ApplyAsync(user, new Actor(userId, "bench", user.SellerAccountId, null), BulkAction.Done, selection, null);
        var applyMs = clock.ElapsedMilliseconds;
        clock.Restart();
        var undo = await bulk.ApplyAsync(user, new Actor(userId, "bench", user.SellerAccountId, null), BulkAction.Undo,
            selection with { Filter = filter with { Done = DoneFilter.Only } }, null);
        var undoMs = clock.ElapsedMilliseconds;

        output.WriteLine($"BULK matches={preview!.Selected} preview_ms={previewMs} done_ms={applyMs} undo_ms={undoMs} :: {outcome.Message} :: {undo.Message}");
        preview.Selected.Should().BeGreaterThanOrEqualTo(100_000);
        outcome.Message.Should().StartWith($"{preview.Selected:N0} reviews marked as done.");
        undo.Message.Should().StartWith($"{preview.Selected:N0} reviews open again.");
        (await db.ReviewWork.CountAsync()).Should().Be(preview.Selected, "undo keeps the rows, with done cleared");
        (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReviewsBulkChanged)).Should().Be(2);
    }
}
