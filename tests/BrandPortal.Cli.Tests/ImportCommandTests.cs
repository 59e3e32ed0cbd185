using BrandPortal.Testing;
using FluentAssertions;
using Npgsql;
using Xunit;

namespace BrandPortal.Cli.Tests;

public sealed class ImportCommandTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IDisposable
{
    /// <summary>One record in every section, written the way a shop's export writes them: one record a line.</summary>
    private const string Good = """
    {
      "sellers": [{"id": "S1", "name": "Acme Trading", "plan": "Professional", "standing": "Good"}],
      "brands": [{"id": "B1", "name": "Acme", "registered": true, "sellerIds": ["S1"]}],
      "users": [{"email": "rep@acme.test", "password": "a-long-password-1", "sellerId": "S1", "brandRoles": [{"brandId": "B1", "role": "BrandRepresentative"}], "permissions": {"CustomerReviews": "ViewAndEdit"}}],
      "customers": [{"id": "C1", "name": "Jane Doe", "email": "jane@example.test", "password": "a-long-password-3"}],
      "products": [{"asin": "B000000001", "brandId": "B1", "title": "Acme Kettle"}],
      "orders": [{"id": "111-0000001-0000001", "customerId": "C1", "sellerId": "S1", "marketplace": "US", "placedAt": "2026-05-01T10:00:00Z", "items": [{"asin": "B000000001", "quantity": 1, "unitPrice": 29.99, "currency": "USD"}]}],
      "reviews": [{"id": "R1", "asin": "B000000001", "customerId": "C1", "orderId": "111-0000001-0000001", "rating": 2, "title": "Leaks", "body": "It leaks.", "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": true}]
    }
    """;

    /// <summary>Three bad records in three sections, and one good seller that must not be loaded either.</summary>
    private const string Bad = """
    {
      "sellers":   [{"id": "S2", "name": "Beta Goods", "plan": "Professional", "standing": "Good"}],
      "brands":    [{"id": "B2", "name": "Beta", "registered": true, "sellerIds": ["S404"]}],
      "products":  [{"asin": "B000000002", "brandId": "B2", "title": "Beta Kettle"}],
      "reviews":   [{"id": "R2", "asin": "B000000001", "customerId": "C1", "rating": 9, "title": "Odd", "body": "",
                     "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": false}],
      "orders":    [{"id": "111-0000002-0000002", "customerId": "C1", "sellerId": "S1", "marketplace": "US",
                     "placedAt": "2026-05-01T10:00:00Z",
                     "items": [{"asin": "B000000001", "quantity": 1, "unitPrice": 5, "currency": "XYZ"}]}]
    }
    """;

    private readonly List<string> _files = [];

    private string WriteFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"brandportal-import-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var f in _files) File.Delete(f);
    }

    private async Task<string> CountsAsync()
    {
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT concat_ws(',', (SELECT count(*) FROM seller_accounts), (SELECT count(*) FROM brands), (SELECT count(*) FROM users),
                (SELECT count(*) FROM customers), (SELECT count(*) FROM products), (SELECT count(*) FROM orders), (SELECT count(*) FROM reviews))
            """, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Import_GoodFileAgainWithTheReviewRewritten_KeepsItsEarlierVersion()
    {
        (await Cli.RunAsync(database.ConnectionString, "import", WriteFile(Good))).ExitCode.Should().Be(0);

        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "import", WriteFile(Good.Replace("\"title\": \"Leaks\"", "\"title\": \"Leaks badly\"")));

        exit.Should().Be(0, output);
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT string_agg(v.title, ',') || '|' || max(r.title) FROM review_versions v JOIN reviews r ON r.id = v.review_id WHERE r.external_id = 'R1'", conn);
        (await cmd.ExecuteScalarAsync()).Should().Be("Leaks|Leaks badly");
    }

    [Fact]
    public async Task Import_GoodFile_Exits0AndPrintsWhatItLoaded()
    {
        var path = WriteFile(Good);

        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "import", path);

        exit.Should().Be(0, output);
        output.Should().Contain($"Imported {path}: 1 sellers, 1 brands, 1 users, 1 customers, 1 products, 1 orders, 1 reviews.");
        (await CountsAsync()).Should().Be("1,1,2,1,1,1,1", "the customer signs in as a user too");
    }

    [Fact]
    public async Task Import_GoodFile_CountsItsReviewsTopicsBeforeExiting()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "import", WriteFile(Good));

        exit.Should().Be(0, output);
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT concat_ws(',', (SELECT sum(n2) FROM topic_terms WHERE term = 'leak'), (SELECT count(*) FROM topic_stale))", conn);
        (await cmd.ExecuteScalarAsync()).Should().Be("1,0", "the file's 2-star review (\"It leaks.\") is counted, and no group is left stale");
    }

    [Fact]
    public async Task Import_BadFile_Exits1NamingEveryBadRecordAndChangesNothing()
    {
        (await Cli.RunAsync(database.ConnectionString, "import", WriteFile(Good))).ExitCode.Should().Be(0);
        var before = await CountsAsync();
        var path = WriteFile(Bad);

        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "import", path);

        exit.Should().Be(1, output);
        output.Should().Contain($"{path} was not imported").And.Contain("nothing was changed");
        output.Should().Contain("$.reviews[0].rating: must be 1 to 5")
            .And.Contain("$.orders[0].items[0].currency: unknown currency");
        (await CountsAsync()).Should().Be(before);

        // Once its shape is right, the file's references are checked: the unknown seller is named by its path.
        var (exit2, output2) = await Cli.RunAsync(database.ConnectionString, "import",
            WriteFile(Bad.Replace("\"rating\": 9", "\"rating\": 3").Replace("XYZ", "USD")));
        exit2.Should().Be(1, output2);
        output2.Should().Contain("$.brands[0].sellerIds[0]: unknown seller S404");
        (await CountsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Import_MalformedJson_Exits1WithLineAndPosition()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "import", WriteFile("{\"sellers\": [ {\"id\": \"S1\", "));

        exit.Should().Be(1, output);
        output.Should().Contain("malformed JSON at line 1");
    }
}
