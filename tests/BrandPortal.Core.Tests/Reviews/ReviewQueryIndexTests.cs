using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using FluentAssertions;
using Npgsql;
using Xunit;

namespace BrandPortal.Core.Tests.Reviews;

public sealed class ReviewQueryIndexTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    [Fact]
    public async Task SearchCondition_MatchesTheGinIndexExpression_SoPostgresCanUseIt()
    {
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        // The demo table is small enough for a sequential scan; forbidding it shows whether the index is usable at all.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", conn)) await off.ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand($"EXPLAIN SELECT r.id FROM reviews r WHERE {ReviewQuery.SearchCondition("@q")}", conn);
        cmd.Parameters.AddWithValue("q", "leaks");
        var plan = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        plan.Should().Contain(line => line.Contains("ix_reviews_search"), string.Join("\n", plan));
    }
}
