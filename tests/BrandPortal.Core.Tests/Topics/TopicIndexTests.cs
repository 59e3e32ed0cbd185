using BrandPortal.Core.Import;
using BrandPortal.Core.Topics;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace BrandPortal.Core.Tests.Topics;

/// <summary>
/// The topic statistics follow the reviews as they are imported (the API's ingest goes the same way), edited and
/// rebuilt: an import marks its groups stale, a refresh (the portal's background one, the CLI's after its import)
/// recounts them.
/// </summary>
public sealed class TopicIndexTests : DemoDatabaseTest
{
    private static readonly DateTimeOffset When = DateTimeOffset.UtcNow.AddDays(-3);

    private Task<ImportResult> ImportOnlyAsync(string id, int rating, string body, string asin = "B000ACME01") => new ImportService(Db).ImportAsync(ImportFile.Empty with
    {
        Reviews = [new ReviewRecord("$", id, asin, "C1", null, rating, "Title", body, When, VerifiedPurchase: false)],
    });

    /// <summary>An import, then the recount the portal's background refresh would run.</summary>
    private async Task<ImportResult> ImportAsync(string id, int rating, string body)
    {
        var result = await ImportOnlyAsync(id, rating, body);
        await TopicIndex.RefreshAsync(Db);
        return result;
    }

    /// <summary>Every brand statistic in one number, to compare a refresh with a rebuild.</summary>
    private const string Snapshot = """
        SELECT count(*) + COALESCE(sum(hashtext(concat_ws('|', brand_id, language, term, month, n1, n2, n3, n4, n5))), 0) AS "Value"
        FROM topic_brand_terms
        """;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(Db.Database.GetConnectionString()).ConnectionString;

    /// <summary>Another session holding the refresh lock, as a long recount of another instance does, until disposed.</summary>
    private async Task<NpgsqlConnection> HoldRefreshLockAsync()
    {
        var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"BEGIN; SELECT pg_advisory_xact_lock({TopicIndex.LockKey})", conn);
        await cmd.ExecuteNonQueryAsync();
        return conn;
    }

    private async Task<List<(string Language, string Term, int N1, int N5)>> TermsAsync(string table, string term)
    {
        await using var check = Check();
        var conn = (NpgsqlConnection)check.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT language, term, n1, n5 FROM {table} WHERE term = @t ORDER BY language", conn);
        cmd.Parameters.AddWithValue("t", term);
        var list = new List<(string, string, int, int)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add((r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)));
        return list;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var check = Check();
        return await check.Database.SqlQueryRaw<long>(sql).SingleAsync();
    }

    [Fact]
    public async Task Import_NewCriticalReview_MarksItsGroupStaleAndLeavesTheCountToTheRefresh()
    {
        (await ImportOnlyAsync("RT0", 1, "Cheap lid leaks.")).Succeeded.Should().BeTrue();

        (await ScalarAsync("SELECT count(*) AS \"Value\" FROM topic_stale")).Should().Be(1);
        (await TermsAsync("topic_terms", "lid leak")).Should().BeEmpty();
        (await TopicIndex.RefreshAllAsync(ConnectionString)).Should().Be(1);
        (await TermsAsync("topic_terms", "lid leak")).Should().Equal(("en", "lid leak", 1, 0));
        (await ScalarAsync("SELECT count(*) AS \"Value\" FROM topic_stale")).Should().Be(0);
    }

    [Fact]
    public async Task Import_WhileARefreshHoldsTheTopicLock_CommitsWithoutWaitingForIt()
    {
        await using var refresh = await HoldRefreshLockAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var result = await new ImportService(Db).ImportAsync(ImportFile.Empty with
        {
            Reviews = [new ReviewRecord("$", "RT9", "B000ACME01", "C1", null, 2, "Title", "The lid leaks.", When, VerifiedPurchase: false)],
        }, patience.Token);

        result.Succeeded.Should().BeTrue();
        (await ScalarAsync("SELECT count(*) AS \"Value\" FROM reviews WHERE external_id = 'RT9'")).Should().Be(1);
    }

    [Fact]
    public async Task Refresh_WhileAWriterOfAMarkedGroupHasNotCommitted_LeavesTheWritersMarkForTheNextRefresh()
    {
        await ImportOnlyAsync("RT13", 1, "The lid leaks.");
        await using var writer = new NpgsqlConnection(ConnectionString);
        await writer.OpenAsync();
        await using (var edit = new NpgsqlCommand("BEGIN; UPDATE reviews SET body = 'The handle broke.' WHERE external_id = 'RT13'", writer))
            await edit.ExecuteNonQueryAsync();

        // The refresh claims the import's mark and recounts the group without the writer's edit, which it cannot see yet.
        (await TopicIndex.RefreshAllAsync(ConnectionString)).Should().Be(1);
        (await TermsAsync("topic_terms", "lid leak")).Should().Equal(("en", "lid leak", 1, 0));
        await using (var commit = new NpgsqlCommand("COMMIT", writer)) await commit.ExecuteNonQueryAsync();

        (await ScalarAsync("SELECT count(*) AS \"Value\" FROM topic_stale")).Should().Be(1, "the writer's mark outlived the refresh that could not count its edit");
        (await TopicIndex.RefreshAllAsync(ConnectionString)).Should().Be(1);
        (await TermsAsync("topic_terms", "lid leak")).Should().BeEmpty();
        (await TermsAsync("topic_terms", "handl broke")).Should().Equal(("en", "handl broke", 1, 0));
    }

    [Fact]
    public async Task RefreshAllAsync_TryOnlyWhileAnotherRefreshHoldsTheLock_RecountsNothingAndKeepsTheGroupsStale()
    {
        await ImportOnlyAsync("RT10", 1, "The lid leaks.");
        await using (var refresh = await HoldRefreshLockAsync())
            (await TopicIndex.RefreshAllAsync(ConnectionString, tryOnly: true)).Should().Be(0);

        (await ScalarAsync("SELECT count(*) AS \"Value\" FROM topic_stale")).Should().Be(1);
        (await TopicIndex.RefreshAllAsync(ConnectionString, tryOnly: true)).Should().Be(1);
        (await TermsAsync("topic_terms", "lid leak")).Should().Equal(("en", "lid leak", 1, 0));
    }

    [Fact]
    public async Task RefreshAllAsync_OneGroupPerTransaction_CountsWhatOneLargeBatchCounts()
    {
        await ImportOnlyAsync("RT11", 1, "The lid leaks.");
        await ImportOnlyAsync("RT12", 2, "The lid leaks and the handle broke.", asin: "B000ACME02");
        var progress = new List<int>();

        var groups = await TopicIndex.RefreshAllAsync(ConnectionString, progress.Add, groupsPerBatch: 1);

        groups.Should().Be(2);
        progress.Should().Equal(1, 2);
        var perGroup = await ScalarAsync(Snapshot);
        await TopicIndex.RebuildAsync(ConnectionString);
        (await ScalarAsync(Snapshot)).Should().Be(perGroup);
        (await TermsAsync("topic_brand_terms", "lid leak")).Should().Equal(("en", "lid leak", 1, 0));
    }

    [Fact]
    public async Task ImportThenRefresh_NewCriticalReview_CountsItsPhrases()
    {
        (await ImportAsync("RT1", 1, "Cheap lid leaks. Nothing else to say.")).Succeeded.Should().BeTrue();

        (await TermsAsync("topic_terms", "lid leak")).Should().Equal(("en", "lid leak", 1, 0));
        (await TermsAsync("topic_brand_terms", "lid leak")).Should().Equal(("en", "lid leak", 1, 0));
        // "cheap lid leak" is one phrase; "leak noth" is not: a sentence end breaks it.
        (await TermsAsync("topic_terms", "cheap lid leak")).Should().HaveCount(1);
        (await TermsAsync("topic_terms", "leak noth")).Should().BeEmpty();
        (await ScalarAsync("SELECT count(*) AS \"Value\" FROM topic_stale")).Should().Be(0);
    }

    [Fact]
    public async Task Import_ReviewAgainWithFiveStars_MovesItsPhrasesToFiveStars()
    {
        await ImportAsync("RT2", 1, "The lid leaks.");

        (await ImportAsync("RT2", 5, "The lid leaks.")).Succeeded.Should().BeTrue();

        (await TermsAsync("topic_terms", "lid leak")).Should().Equal(("en", "lid leak", 0, 1));
        (await TermsAsync("topic_brand_terms", "lid leak")).Should().Equal(("en", "lid leak", 0, 1));
    }

    [Fact]
    public async Task Import_GermanFrenchSpanishAndJapaneseReviews_AreStemmedOrSplitInTheirLanguage()
    {
        await ImportAsync("RT3", 2, "Der Deckel leckt. Sehr ärgerlich.");
        await ImportAsync("RT4", 2, "Le couvercle fuit.");
        await ImportAsync("RT5", 2, "La tapa gotea y no se cierra bien.");
        await ImportAsync("RT6", 2, "蓋から水漏れします。バッテリーもすぐ切れる。");

        (await TermsAsync("topic_terms", "deckel leckt")).Select(t => t.Language).Should().Equal("de");
        (await TermsAsync("topic_terms", "couvercl fuit")).Select(t => t.Language).Should().Equal("fr");
        (await TermsAsync("topic_terms", "tap gote")).Select(t => t.Language).Should().Equal("es");
        (await TermsAsync("topic_terms", "水漏")).Select(t => t.Language).Should().Equal("ja");
        (await TermsAsync("topic_terms", "バッテリー")).Select(t => t.Language).Should().Equal("ja");
    }

    [Fact]
    public async Task RebuildAsync_AfterImportsAndAReviewMovedBySql_FindsExactlyTheIncrementalCounts()
    {
        await ImportAsync("RT7", 1, "The lid leaks.");
        await ImportAsync("RT8", 2, "The lid leaks again and the handle broke.");
        await ImportAsync("RT8", 4, "The handle broke but it works.");
        // Written by no service at all: the reviews' trigger still marks both products' months for the next refresh.
        await Db.Database.ExecuteSqlRawAsync("UPDATE reviews SET product_id = (SELECT id FROM products WHERE asin = 'B000ACME02') WHERE external_id = 'RT7'");
        await TopicIndex.RefreshAsync(Db);
        var incremental = await ScalarAsync(Snapshot);
        var terms = await ScalarAsync("SELECT count(*) AS \"Value\" FROM topic_terms");

        await TopicIndex.RebuildAsync(new NpgsqlConnectionStringBuilder(Db.Database.GetConnectionString()).ConnectionString);

        (await ScalarAsync(Snapshot)).Should().Be(incremental);
        (await ScalarAsync("SELECT count(*) AS \"Value\" FROM topic_terms")).Should().Be(terms);
        (await TermsAsync("topic_terms", "lid leak")).Should().Equal(("en", "lid leak", 1, 0));
    }
}
