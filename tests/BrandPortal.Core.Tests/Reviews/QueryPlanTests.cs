using System.Data.Common;
using System.Text.Json;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Generate;
using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Xunit;

namespace BrandPortal.Core.Tests.Reviews;

/// <summary>
/// A few hundred thousand generated reviews, analysed: enough rows that PostgreSQL prefers a Seq Scan or a Sort
/// whenever the SQL leaves it no index to walk. Every statement the Customer Reviews page runs, for every filter
/// shape, must reach reviews through an index and return rows in index order. No timings here: plans only.
/// </summary>
public sealed class GeneratedReviewsDatabase : IAsyncLifetime
{
    public const int Reviews = 300_000;
    public string ConnectionString { get; private set; } = "";
    public long BenchUserId { get; private set; }

    /// <summary>The generator's agency user: 500 of the 1,000 brands.</summary>
    public long AgencyUserId { get; private set; }

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(false);
        await new DataGenerator(ConnectionString, new GenerateOptions(Reviews, 1_000), TimeProvider.System).RunAsync();
        await using var db = DbContextOptionsSetup.Create(ConnectionString);
        BenchUserId = await db.Users.Where(u => u.Email == GenerateOptions.BenchUserEmail).Select(u => u.Id).SingleAsync();
        AgencyUserId = await db.Users.Where(u => u.Email == GenerateOptions.AgencyUserEmail).Select(u => u.Id).SingleAsync();
        // The team queue at scale for the bench user's account: one review in ten of its brands done, one in two hundred
        // assigned to the bench user (a few hundred: pages of "assigned to me"), statistics fresh.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO review_work (seller_account_id, review_id, brand_id, review_created_at, done_at, done_by_user_id, assignee_user_id, assigned_at, assigned_by_user_id)
            SELECT u.seller_account_id, r.id, r.brand_id, r.created_at,
                   CASE WHEN r.id % 10 = 0 THEN now() END, CASE WHEN r.id % 10 = 0 THEN u.id END,
                   CASE WHEN r.id % 200 = 1 THEN u.id END, CASE WHEN r.id % 200 = 1 THEN now() END, CASE WHEN r.id % 200 = 1 THEN u.id END
            FROM users u JOIN user_brand_roles ubr ON ubr.user_id = u.id JOIN reviews r ON r.brand_id = ubr.brand_id
            WHERE u.id = {BenchUserId} AND (r.id % 10 = 0 OR r.id % 200 = 1)
            ON CONFLICT DO NOTHING
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE review_work");
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);
}

public sealed class QueryPlanTests(GeneratedReviewsDatabase data) : IClassFixture<GeneratedReviewsDatabase>
{
    public static TheoryData<string> FilterShapes => new()
    {
        "",                                    // the default: 1-3 stars, last 12 months, every represented brand
        "stars=1",
        "stars=4&stars=5&period=all",
        "period=30d",
        "from=2026-01-01&to=2026-06-30",
        "brand=BRAND",
        "contact=none",
        "contact=sent",
        "contact=replied",
        "sort=oldest",
        "sort=lowest&period=all",
        "q=broke",
    };

    [Theory]
    [MemberData(nameof(FilterShapes))]
    public async Task ReviewQuery_EachFilterShape_UsesIndexesWithoutSortingReviews(string query)
        => (await ProblemsOfFirstTwoPagesAsync(data.BenchUserId, query)).Should().BeEmpty();

    /// <summary>The team queue's filters: the default already hides done reviews (one in ten of the bench user's are done).</summary>
    public static TheoryData<string> QueueShapes => new()
    {
        "assignee=me",
        "assignee=me&period=all",
        "assignee=me&done=include",
        "assignee=none",
        "done=include",
        "done=only",
        "done=only&sort=oldest",
    };

    [Theory]
    [MemberData(nameof(QueueShapes))]
    public async Task ReviewQuery_EachQueueShape_UsesIndexesWithoutSortingReviews(string query)
        => (await ProblemsOfFirstTwoPagesAsync(data.BenchUserId, query)).Should().BeEmpty();

    [Fact]
    public async Task ReviewQuery_AssignedToMe_ReadsTheAssigneeIndexNotTheBrandsReviews()
    {
        // "assigned to me" is a few hundred rows of a brand's hundred thousand: the page walks review_work's
        // (account, assignee, created_at) index and looks each review up by primary key.
        var run = await RunAsync("assignee=me", after: null);
        var plan = await ExplainAsync(run.Commands.Single());
        plan.Should().Contain("ix_review_work_assignee_created");
        run.Page.Page.Cards.Should().HaveCount(ReviewQuery.PageSize).And.OnlyContain(c => c.Work != null && c.Work.AssigneeUserId == data.BenchUserId && !c.IsDone);
    }

    [Theory]
    [MemberData(nameof(FilterShapes))]
    public async Task ReviewQuery_AgencyOf500Brands_EachFilterShape_UsesIndexesWithoutSortingReviews(string query)
        => (await ProblemsOfFirstTwoPagesAsync(data.AgencyUserId, query)).Should().BeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("sort=lowest&period=all")]
    public async Task ReviewQuery_AgencyOf500Brands_ScansReviewsNoMoreOftenThanTheThreeBrandUser(string query)
    {
        // The page of 500 brands must not be a plan of 500 × stars scans: it reads reviews through as many index scans
        // as the three-brand page does, or fewer.
        var agency = await RunAsync(query, after: null, data.AgencyUserId);
        var bench = await RunAsync(query, after: null, data.BenchUserId);
        agency.Page.User.RepresentedBrands.Should().HaveCount(GenerateOptions.AgencyBrandCount);
        agency.Page.Page.Cards.Should().HaveCount(ReviewQuery.PageSize);
        var agencyScans = await ReviewScansAsync(agency.Commands.Single());
        agencyScans.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(await ReviewScansAsync(bench.Commands.Single()));
    }

    [Fact]
    public async Task ReviewQuery_DefaultFilter_RunsOneStatement()
    {
        // Page, cards, eligibility, timelines and the capped total in one round trip; sign-in checks add one more
        // (AccessService): two per page.
        var run = await RunAsync("", after: null);
        run.Commands.Should().HaveCount(1);
        run.Page.Page.Total.Should().Be(ReviewQuery.CountCap);
        run.Page.Page.TotalIsCapped.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=broke")]
    public async Task ReviewQuery_Statements_CarryOnlyPositionalParameters(string query)
    {
        // Named parameters (@p0) made Npgsql parse and rewrite the whole statement on every request; positional ones are
        // sent as written (DirectQuery). The search's own count is a statement too.
        var run = await RunAsync(query, after: null);
        run.Commands.Should().HaveCount(query.Length == 0 ? 1 : 2);
        run.Commands.Should().OnlyContain(c => c.CommandText.Contains("$1") && !c.CommandText.Contains("@p"));
        run.Commands.SelectMany(c => c.Parameters.Cast<NpgsqlParameter>()).Should().OnlyContain(p => p.ParameterName.Length == 0);
    }

    [Fact]
    public async Task ReviewQuery_NextPageOfTheSameFilterWithCountCache_ReusesTheCountAndShowsTheSameTotal()
    {
        var cache = new ReviewCountCache();
        var first = await RunAsync("", after: null, data.BenchUserId, cache);
        var second = await RunAsync("", after: first.Page.Page.Next!.Encode(), data.BenchUserId, cache);

        first.Commands.Single().CommandText.Should().Contain($"LIMIT {ReviewQuery.CountCap + 1}");
        second.Commands.Single().CommandText.Should().NotContain($"LIMIT {ReviewQuery.CountCap + 1}");
        second.Page.Page.TotalText.Should().Be(first.Page.Page.TotalText);
    }

    private async Task<List<string>> ProblemsOfFirstTwoPagesAsync(long userId, string query)
    {
        var first = await RunAsync(query, after: null, userId);
        var commands = first.Commands;
        // Generated data holds no contacts: contact=sent|replied find nothing, so there is no second page to plan.
        if (!query.StartsWith("contact=s", StringComparison.Ordinal) && !query.StartsWith("contact=r", StringComparison.Ordinal))
        {
            first.Page.Page.Next.Should().NotBeNull("the generated data fills more than one page for this shape");
            commands = [.. commands, .. (await RunAsync(query, after: first.Page.Page.Next!.Encode(), userId)).Commands];
        }

        var problems = new List<string>();
        foreach (var command in commands)
            problems.AddRange(await PlanProblemsAsync(command, allowSort: query.StartsWith("q=", StringComparison.Ordinal)));
        return problems;
    }

    /// <summary>How many scans of the reviews table (any kind) the plan of <paramref name="command"/> holds.</summary>
    private async Task<int> ReviewScansAsync(DbCommand command)
    {
        using var plan = JsonDocument.Parse(await ExplainAsync(command));
        var scans = 0;
        Walk(plan.RootElement[0].GetProperty("Plan"), node =>
        {
            if (node.TryGetProperty("Relation Name", out var r) && r.GetString() == "reviews") scans++;
        });
        return scans;
    }

    private Task<(ReviewsPageOf Page, List<DbCommand> Commands)> RunAsync(string query, string? after)
        => RunAsync(query, after, data.BenchUserId);

    private sealed record ReviewsPageOf(UserAccess User, ReviewsPage Page);

    private async Task<(ReviewsPageOf Page, List<DbCommand> Commands)> RunAsync(string query, string? after, long userId,
        ReviewCountCache? counts = null)
    {
        var recorder = new CommandRecorder();
        var options = new DbContextOptionsBuilder<BrandPortalDbContext>();
        options.UseBrandPortalDatabase(data.ConnectionString).AddInterceptors(recorder);
        await using var db = new BrandPortalDbContext(options.Options);
        var user = (await new AccessService(db).LoadAsync(userId))!;
        recorder.Commands.Clear();

        var q = ParseQuery(query.Replace("BRAND", user.RepresentedBrands[0].BrandId.ToString()));
        string? One(string key) => q[key].FirstOrDefault();
        var input = new ReviewFilterInput(q["stars"].ToArray(), One("brand"), One("period"), One("from"), One("to"), One("contact"), One("q"),
            One("sort"), after, One("done"), One("assignee"));
        var parsed = ReviewFilter.Parse(input, user.RepresentedBrands);
        parsed.Messages.Should().BeEmpty();
        var page = await new ReviewQuery(db, new EligibilityService(db, TimeProvider.System), TimeProvider.System, counts).LoadAsync(user, parsed);
        return (new ReviewsPageOf(user, page), recorder.Commands.ToList());
    }

    /// <summary>EXPLAIN (FORMAT JSON) with the statement's own parameters: what PostgreSQL would do for this request.</summary>
    private async Task<IEnumerable<string>> PlanProblemsAsync(DbCommand command, bool allowSort)
    {
        var json = await ExplainAsync(command);
        using var plan = JsonDocument.Parse(json);
        var problems = new List<string>();
        var head = command.CommandText.ReplaceLineEndings(" ")[..Math.Min(60, command.CommandText.Length)];
        Walk(plan.RootElement[0].GetProperty("Plan"), node =>
        {
            var type = node.GetProperty("Node Type").GetString();
            var relation = node.TryGetProperty("Relation Name", out var r) ? r.GetString() : null;
            if (type == "Seq Scan" && relation == "reviews") problems.Add($"Seq Scan on reviews in: {head}\n{json}");
            // A Sort is fine only over rows already cut by a LIMIT (the page merge of sort=lowest sorts at most
            // brands × stars × 26 rows); never over what a scan of reviews returns. Full-text matches come out of the
            // GIN index in no useful order: there, sorting the matches is the plan.
            if (type == "Sort" && !allowSort && ReachesReviewsWithoutLimit(node)) problems.Add($"Sort over unbounded reviews in: {head}\n{json}");
        });
        return problems;
    }

    private async Task<string> ExplainAsync(DbCommand command)
    {
        await using var conn = new NpgsqlConnection(data.ConnectionString);
        await conn.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + command.CommandText, conn);
        foreach (NpgsqlParameter p in command.Parameters) explain.Parameters.Add(p.Clone());
        return (string)(await explain.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// True when rows of reviews flow into <paramref name="node"/> from a scan that drives them: not cut by a Limit,
    /// and not looked up one by one for an outer row (the inner side of a nested loop, e.g. reviews joined to the
    /// few contacts of contact=sent, is bounded by that outer side).
    /// </summary>
    private static bool ReachesReviewsWithoutLimit(JsonElement node)
    {
        if (!node.TryGetProperty("Plans", out var children)) return false;
        var nestedLoop = node.GetProperty("Node Type").GetString() == "Nested Loop";
        foreach (var child in children.EnumerateArray())
        {
            if (child.GetProperty("Node Type").GetString() == "Limit") continue;
            if (nestedLoop && child.TryGetProperty("Parent Relationship", out var rel) && rel.GetString() == "Inner") continue;
            if (child.TryGetProperty("Relation Name", out var r) && r.GetString() == "reviews") return true;
            if (ReachesReviewsWithoutLimit(child)) return true;
        }
        return false;
    }

    private static void Walk(JsonElement node, Action<JsonElement> visit)
    {
        visit(node);
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray()) Walk(child, visit);
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<DbCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var copy = new NpgsqlCommand(command.CommandText);
            foreach (NpgsqlParameter p in command.Parameters) copy.Parameters.Add(p.Clone());
            Commands.Add(copy);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>The query string as the page receives it: each name with its values, percent-decoded.</summary>
    private static ILookup<string, string> ParseQuery(string query)
        => query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToLookup(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));
}
