using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Topics;

/// <summary>
/// Keeps the topic statistics (topic_docs, topic_terms, topic_brand_terms) equal to what the reviews say. Triggers on
/// reviews mark every (product, month) a statement touched in topic_stale — whichever path wrote it: import, API
/// ingest, generator or SQL by hand; <see cref="RefreshAsync(BrandPortalDbContext, CancellationToken)"/> recounts those groups from their reviews.
/// Recounting a whole group instead of adding one review's terms makes a refresh idempotent: a review edited, moved
/// or counted twice can never leave the statistics off.
/// </summary>
/// <remarks>
/// Refreshes take a transaction-level advisory lock, so two of them never recount the same group at once. Writers of
/// reviews never take it, nor wait on a refresh: their triggers append marks to topic_stale (a log, no unique key), and
/// a refresh claims the marks it sees, recounts their groups from the reviews and deletes those marks only. A writer
/// that commits after the claim leaves its own mark for the next refresh. The portal's background refresh (or the
/// CLI's import, right after its commit) does the recount. Inside the writer's transaction it took seconds at 1M
/// reviews under that one lock, and concurrent ingests queued behind it until their statements timed out.
/// </remarks>
public static class TopicIndex
{
    /// <summary>(product, month) groups recounted per statement: bounded memory for a rebuild of millions of reviews.</summary>
    public const int GroupsPerBatch = 2000;

    /// <summary>The statistics tables, for VACUUM (ANALYZE) after a bulk count.</summary>
    public static readonly IReadOnlyList<string> Tables = ["topic_terms", "topic_brand_terms", "topic_docs"];

    /// <summary>Groups per transaction of the portal's background refresh: a writer that marks a group stale while a
    /// refresh holds it waits for that transaction only, so it stays short (a group at 1M reviews takes ~10-20 ms).</summary>
    public const int BackgroundGroupsPerBatch = 100;

    internal const long LockKey = 7_340_101;

    /// <summary>
    /// Recounts every stale group inside the context's current transaction (one is begun and committed when there is
    /// none): for the demo data's seeding and the tests, where the count is small and wanted at once.
    /// </summary>
    public static async Task<int> RefreshAsync(BrandPortalDbContext db, CancellationToken ct = default)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            var total = 0;
            await ExecAsync(conn, $"SELECT pg_advisory_xact_lock({LockKey})", ct);
            while (await RefreshBatchAsync(conn, GroupsPerBatch, ct) is var n and > 0) total += n;
            if (own is not null) await own.CommitAsync(ct);
            return total;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Recounts stale groups batch by batch, each in its own transaction, until none is left: for the CLI and the
    /// portal's background refresh. With <paramref name="tryOnly"/> it gives up at once when another refresh holds the lock.
    /// </summary>
    public static async Task<int> RefreshAllAsync(string connectionString, Action<int>? progress = null, bool tryOnly = false,
        int groupsPerBatch = GroupsPerBatch, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return await RefreshAllAsync(conn, progress, tryOnly, groupsPerBatch, ct);
    }

    /// <summary>As <see cref="RefreshAllAsync(string, Action{int}?, bool, int, CancellationToken)"/>, on the context's connection (no transaction may be open on it).</summary>
    public static async Task<int> RefreshAllAsync(BrandPortalDbContext db, bool tryOnly, int groupsPerBatch, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await RefreshAllAsync((NpgsqlConnection)db.Database.GetDbConnection(), null, tryOnly, groupsPerBatch, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> RefreshAllAsync(NpgsqlConnection conn, Action<int>? progress, bool tryOnly, int groupsPerBatch, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupsPerBatch, 1);
        var total = 0;
        while (true)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (tryOnly)
            {
                await using var probe = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({LockKey})", conn);
                if (!(bool)(await probe.ExecuteScalarAsync(ct))!) return total;
            }
            else await ExecAsync(conn, $"SELECT pg_advisory_xact_lock({LockKey})", ct);
            var n = await RefreshBatchAsync(conn, groupsPerBatch, ct);
            await tx.CommitAsync(ct);
            if (n == 0) return total;
            total += n;
            progress?.Invoke(total);
        }
    }

    /// <summary>Forgets every statistic and counts all reviews again (after a change of the stop words or the term rules).</summary>
    public static async Task<int> RebuildAsync(string connectionString, Action<int>? progress = null, CancellationToken ct = default)
    {
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await ExecAsync(conn, $"""
                SELECT pg_advisory_xact_lock({LockKey});
                TRUNCATE topic_terms, topic_brand_terms, topic_docs, topic_stale;
                INSERT INTO topic_stale (product_id, month)
                SELECT DISTINCT product_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date FROM reviews;
                """, ct);
            await tx.CommitAsync(ct);
        }
        var groups = await RefreshAllAsync(connectionString, progress, ct: ct);
        await AnalyzeAsync(connectionString, ct);
        return groups;
    }

    /// <summary>VACUUM (ANALYZE) of the statistics after a bulk count, so the panel's plans know their size.</summary>
    public static async Task AnalyzeAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        foreach (var table in Tables) await ExecAsync(conn, $"VACUUM (ANALYZE) {table}", ct);
    }

    /// <summary>Claims up to <paramref name="groups"/> stale groups and recounts them; answers how many.</summary>
    private static async Task<int> RefreshBatchAsync(NpgsqlConnection conn, int groups, CancellationToken ct)
    {
        await ExecAsync(conn, """
            CREATE TEMP TABLE IF NOT EXISTS tp_claimed (product_id bigint NOT NULL, month date NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS tp_marks (id bigint NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS tp_ja (review_id bigint NOT NULL, term text NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS tp_terms (LIKE topic_terms) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS tp_delta (brand_id bigint, month date, language text, term text, n1 int, n2 int, n3 int, n4 int, n5 int) ON COMMIT DROP;
            TRUNCATE tp_claimed, tp_marks, tp_ja, tp_terms, tp_delta;
            """, ct);
        await using (var claim = new NpgsqlCommand("""
            WITH g AS (SELECT DISTINCT product_id, month FROM topic_stale ORDER BY product_id, month LIMIT @n),
                 m AS (INSERT INTO tp_marks SELECT s.id FROM topic_stale s JOIN g USING (product_id, month))
            INSERT INTO tp_claimed SELECT product_id, month FROM g
            """, conn))
        {
            claim.Parameters.AddWithValue("n", groups);
            var claimed = await claim.ExecuteNonQueryAsync(ct);
            if (claimed == 0) return 0;
            await JapaneseAsync(conn, ct);
            await ExecAsync(conn, TopicSql.Recount, ct);
            // Only the marks the claim saw: one a writer committed since then is the next refresh's.
            await ExecAsync(conn, "DELETE FROM topic_stale s USING tp_marks m WHERE s.id = m.id", ct);
            return claimed;
        }
    }

    /// <summary>The Japanese reviews of the claimed groups, split into terms here and handed to the recount through tp_ja.</summary>
    private static async Task JapaneseAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var rows = new List<(long Id, string Term)>();
        await using (var cmd = new NpgsqlCommand($"SELECT r.id, r.body FROM {TopicSql.ClaimedReviews} WHERE topic_language(r.body) = 'ja'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                foreach (var term in JapaneseTerms.Of(reader.GetString(1))) rows.Add((id, term));
            }
        if (rows.Count == 0) return;
        await using var w = await conn.BeginBinaryImportAsync("COPY tp_ja (review_id, term) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (id, term) in rows) await w.WriteRowAsync(ct, id, term);
        await w.CompleteAsync(ct);
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
