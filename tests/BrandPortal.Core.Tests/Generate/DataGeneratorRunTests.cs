using BrandPortal.Core.Generate;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Generate;

/// <summary>Generator runs that need databases of their own: repeated runs, and a run on top of the demo data.</summary>
public sealed class DataGeneratorRunTests : IAsyncLifetime
{
    private static readonly GenerateOptions Small = new(Reviews: 300, Brands: 4, Seed: 11);
    private readonly List<string> _databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases) await TestPostgres.DropDatabaseAsync(database);
    }

    private async Task<string> DatabaseAsync(bool withDemoData = false)
    {
        var database = await TestPostgres.CreateDatabaseAsync(withDemoData);
        _databases.Add(database);
        return database;
    }

    /// <summary>
    /// One digest per generated table over every column but the password hash (its salt is random by design), in id order.
    /// </summary>
    private static async Task<Dictionary<string, string>> DigestAsync(string connectionString)
    {
        var tables = new Dictionary<string, string>
        {
            ["seller_accounts"] = "t.id, t.external_id, t.name, t.plan, t.standing",
            ["brands"] = "t.*",
            ["brand_sellers"] = "t.*",
            ["users"] = "t.id, t.email, t.seller_account_id, t.is_account_admin, t.security_stamp",
            ["user_permissions"] = "t.user_id, t.permission, t.level",
            ["user_brand_roles"] = "t.user_id, t.brand_id, t.role",
            ["customers"] = "t.*",
            ["products"] = "t.*",
            ["orders"] = "t.*",
            ["order_items"] = "t.*",
            ["reviews"] = "t.*",
        };
        var digests = new Dictionary<string, string>();
        foreach (var (table, columns) in tables)
            digests[table] = await Sql.ScalarAsync<string>(connectionString,
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(row({columns})::text, '|' ORDER BY row({columns})::text)), '') FROM {table} t");
        return digests;
    }

    [Fact]
    public async Task Run_SameSeedAndClockIntoTwoDatabases_WritesIdenticalRows()
    {
        var first = await DatabaseAsync();
        var second = await DatabaseAsync();
        await GeneratedDatabase.Generate(first, Small).RunAsync();
        await GeneratedDatabase.Generate(second, Small).RunAsync();

        (await DigestAsync(second)).Should().Equal(await DigestAsync(first));
    }

    [Fact]
    public async Task Run_OtherSeed_WritesOtherReviews()
    {
        var first = await DatabaseAsync();
        var second = await DatabaseAsync();
        await GeneratedDatabase.Generate(first, Small).RunAsync();
        await GeneratedDatabase.Generate(second, Small with { Seed = 12 }).RunAsync();

        (await DigestAsync(second))["reviews"].Should().NotBe((await DigestAsync(first))["reviews"]);
    }

    [Fact]
    public async Task Run_OnTopOfTheDemoData_LeavesTheDemoReviewsAsTheyWereAndContinuesTheIds()
    {
        var database = await DatabaseAsync(withDemoData: true);
        const string Demo = "FROM reviews t WHERE t.external_id NOT LIKE 'GEN11-%'";
        var demoDigest = await Sql.ScalarAsync<string>(database, $"SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) {Demo}");
        var maxReview = await Sql.ScalarAsync<long>(database, "SELECT max(id) FROM reviews");
        var demoReviews = await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM reviews");

        await GeneratedDatabase.Generate(database, Small).RunAsync();

        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM reviews")).Should().Be(demoReviews + 300);
        (await Sql.ScalarAsync<long>(database, "SELECT min(id) FROM reviews WHERE external_id LIKE 'GEN11-%'")).Should().Be(maxReview + 1);
        (await Sql.ScalarAsync<long>(database, $"SELECT count(*) FROM reviews WHERE id <= {maxReview} AND external_id LIKE 'GEN11-%'")).Should().Be(0);
        // The sequence follows the generated ids, so the portal's next insert does not collide with them.
        (await Sql.ScalarAsync<long>(database, "SELECT pg_sequence_last_value(pg_get_serial_sequence('reviews', 'id')::regclass)")).Should().Be(maxReview + 300);
        (await Sql.ScalarAsync<string>(database, $"SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) {Demo}")).Should().Be(demoDigest);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(10, 0)]
    public async Task Run_FewerThanOneReviewOrBrand_IsRefusedAndWritesNothing(int reviews, int brands)
    {
        var database = await DatabaseAsync();

        var act = () => GeneratedDatabase.Generate(database, new GenerateOptions(reviews, brands)).RunAsync();

        (await act.Should().ThrowAsync<GenerateRefused>()).WithMessage("*at least 1*");
        (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM brands")).Should().Be(0);
    }
}
