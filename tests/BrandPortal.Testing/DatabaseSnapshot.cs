using Npgsql;

namespace BrandPortal.Testing;

/// <summary>
/// Every row of every table of the database as one comparable text: the list of tables is read from pg_catalog, so a
/// table added tomorrow is covered without anyone listing it. Equal snapshots mean no request changed anything.
/// </summary>
public static class DatabaseSnapshot
{
    /// <summary>
    /// Columns the portal's background services change on their own schedule (the outbox dispatcher delivering queued
    /// email, the alert digest, the webhook dispatcher recording attempts and disabling a subscription that answered
    /// 410): they say when work ran, not what a request stored. New rows in these tables still count.
    /// </summary>
    private static readonly Dictionary<string, string[]> Volatile = new()
    {
        ["outbox_emails"] = ["state", "attempts", "next_attempt_at", "last_error", "sent_at"],
        ["alert_subscriptions"] = ["last_digest_at"],
        ["webhook_deliveries"] = ["state", "attempts", "next_attempt_at", "lease_until", "last_attempt_at", "last_status_code", "last_answer", "delivered_at"],
        ["webhook_subscriptions"] = ["disabled_at", "disabled_reason"],
    };

    /// <summary>
    /// Tables that are not data: migration history, the data protection key ring the portal writes on first use, and
    /// the topic statistics with their stale marks — counted from the reviews (which the snapshot holds) by the
    /// portal's background refresh, whenever it runs.
    /// </summary>
    private static readonly string[] Skipped = ["__EFMigrationsHistory", "data_protection_keys", "topic_docs", "topic_terms", "topic_brand_terms", "topic_stale"];

    public static async Task<IReadOnlyList<string>> TablesAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public' ORDER BY c.relname", conn);
        var tables = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables.Where(t => !Skipped.Contains(t)).ToList();
    }

    public static async Task<string> TakeAsync(string connectionString)
    {
        var tables = await TablesAsync(connectionString);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var parts = new List<string>();
        foreach (var t in tables)
        {
            var row = Volatile.TryGetValue(t, out var cols) ? $"(to_jsonb(x) - ARRAY['{string.Join("','", cols)}'])::text" : "to_jsonb(x)::text";
            await using var cmd = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg({row}, '|' ORDER BY {row})), '') FROM \"{t}\" x", conn);
            parts.Add($"{t}:{await cmd.ExecuteScalarAsync()}");
        }
        return string.Join("\n", parts);
    }

    /// <summary>The tables whose content differs between two snapshots.</summary>
    public static IEnumerable<string> Changed(string before, string after)
        => after.Split('\n').Except(before.Split('\n')).Select(l => l.Split(':')[0]);
}
