using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace BrandPortal.Core.Reviews;

public enum BulkAction { Done, Undo, Assign }

/// <summary>
/// What a bulk action applies to: every review matching <see cref="Filter"/> (<see cref="AllMatching"/>), or the
/// checked <see cref="Ids"/>, which are only a wish: each is re-checked against the user's brands in the statement.
/// </summary>
public sealed record BulkSelection(ReviewFilter Filter, bool AllMatching, IReadOnlyList<long> Ids);

/// <summary>
/// Before anything is written: how many reviews the selection holds and how many the action would change; for an
/// assignment, how many are skipped because the assignee does not represent their brand.
/// </summary>
public sealed record BulkPreview(BulkAction Action, int Selected, int Effective, AssigneeCandidate? Assignee)
{
    public int Skipped => Selected - Effective;
}

/// <summary>
/// The SQL of the bulk actions: the selection is the page's own filter (<see cref="ReviewExportSql.Where"/>) or the
/// checked ids within the user's brands, and each action is ONE statement over it — a CTE of the matches feeding an
/// INSERT … SELECT … ON CONFLICT DO UPDATE (or an UPDATE … FROM for undo) — so 100,000 matches never become a list in
/// the portal's memory. The statement returns how many matched and how many rows it changed.
/// </summary>
internal static class ReviewBulk
{
    /// <summary>Exactly how many reviews match <paramref name="filter"/> for the user (no cap): one count statement.</summary>
    public static async Task<int> CountAsync(BrandPortalDbContext db, UserAccess user, ReviewFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter>();
        var (where, _) = Selection(user, new BulkSelection(filter, true, []), now, parameters);
        var row = await ReadAsync(db, null, $"SELECT count(*)::int, 0 FROM reviews r WHERE {where}", parameters, ct);
        return row.Matched;
    }

    /// <summary>The WHERE over reviews r of the selection and the parameter holding the account id.</summary>
    public static (string Where, string Seller) Selection(UserAccess user, BulkSelection selection, DateTimeOffset now, List<NpgsqlParameter> parameters)
    {
        var f = selection.Filter;
        var represented = user.RepresentedBrands.Select(b => b.BrandId).Distinct().ToArray();
        var brands = f.BrandId is { } b && represented.Contains(b) ? [b] : represented;
        if (selection.AllMatching)
        {
            var (since, until) = f.Window(now);
            return ReviewExportSql.Where(brands, f, since, until, user.SellerAccountId ?? -1, user.UserId, parameters);
        }
        var seller = Add(parameters, user.SellerAccountId ?? -1);
        return ($"r.id = ANY({Add(parameters, selection.Ids.Distinct().ToArray())}) AND r.brand_id = ANY({Add(parameters, brands)})", seller);
    }

    /// <summary>The condition under which the action changes a selected review r (for Assign: <paramref name="assignee"/> represents its brand).</summary>
    public static string Effect(BulkAction action, string seller, string? assignee) => action switch
    {
        BulkAction.Done => $"NOT EXISTS (SELECT 1 FROM review_work w WHERE w.seller_account_id = {seller} AND w.review_id = r.id AND w.done_at IS NOT NULL)",
        BulkAction.Undo => $"EXISTS (SELECT 1 FROM review_work w WHERE w.seller_account_id = {seller} AND w.review_id = r.id AND w.done_at IS NOT NULL)",
        _ => $"EXISTS (SELECT 1 FROM user_brand_roles ubr WHERE ubr.user_id = {assignee} AND ubr.brand_id = r.brand_id AND ubr.role = 'BrandRepresentative')",
    };

    public static string PreviewSql(BulkAction action, string where, string seller, string? assignee)
        => $"SELECT count(*)::int, count(*) FILTER (WHERE {Effect(action, seller, assignee)})::int FROM reviews r WHERE {where}";

    /// <summary>The one writing statement: returns (matched, changed).</summary>
    public static string ApplySql(BulkAction action, string where, string seller, string user, string now, string? assignee)
    {
        var matches = action == BulkAction.Assign
            ? $"SELECT r.id, r.brand_id, r.created_at, {Effect(action, seller, assignee)} AS eligible FROM reviews r WHERE {where}"
            : $"SELECT r.id, r.brand_id, r.created_at, true AS eligible FROM reviews r WHERE {where}";
        var write = action switch
        {
            BulkAction.Done => $"""
                INSERT INTO review_work (seller_account_id, review_id, brand_id, review_created_at, done_at, done_by_user_id)
                SELECT {seller}, m.id, m.brand_id, m.created_at, {now}, {user} FROM m
                ON CONFLICT (seller_account_id, review_id) DO UPDATE SET done_at = excluded.done_at, done_by_user_id = excluded.done_by_user_id
                WHERE review_work.done_at IS NULL
                RETURNING 1
                """,
            BulkAction.Undo => $"""
                UPDATE review_work w SET done_at = NULL, done_by_user_id = NULL FROM m
                WHERE w.seller_account_id = {seller} AND w.review_id = m.id AND w.done_at IS NOT NULL
                RETURNING 1
                """,
            _ => $"""
                INSERT INTO review_work (seller_account_id, review_id, brand_id, review_created_at, assignee_user_id, assigned_at, assigned_by_user_id)
                SELECT {seller}, m.id, m.brand_id, m.created_at, {assignee}, {now}, {user} FROM m WHERE m.eligible
                ON CONFLICT (seller_account_id, review_id) DO UPDATE
                SET assignee_user_id = excluded.assignee_user_id, assigned_at = excluded.assigned_at, assigned_by_user_id = excluded.assigned_by_user_id
                WHERE review_work.assignee_user_id IS DISTINCT FROM excluded.assignee_user_id
                RETURNING 1
                """,
        };
        return $"""
            WITH m AS MATERIALIZED ({matches}),
            changed AS ({write})
            SELECT (SELECT count(*) FROM m)::int, (SELECT count(*) FROM changed)::int
            """;
    }

    public static string Add(List<NpgsqlParameter> parameters, object value)
    {
        var name = $"@e{parameters.Count}";
        parameters.Add(value is DateTimeOffset t
            ? new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = t.ToUniversalTime() }
            : new NpgsqlParameter(name, value));
        return name;
    }

    /// <summary>Runs one statement of two integer columns on the context's connection (and transaction, when given).</summary>
    public static async Task<(int Matched, int Changed)> ReadAsync(BrandPortalDbContext db, IDbContextTransaction? tx, string sql,
        List<NpgsqlParameter> parameters, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = tx?.GetDbTransaction();
            command.CommandTimeout = 300;
            foreach (var p in parameters) command.Parameters.Add(p);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetInt32(0), reader.GetInt32(1));
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    public static string Describe(BulkAction action, int count, string? assignee) => action switch
    {
        BulkAction.Done => $"Mark {Number(count)} review{(count == 1 ? "" : "s")} as done",
        BulkAction.Undo => $"Undo done on {Number(count)} review{(count == 1 ? "" : "s")}",
        _ => $"Assign {Number(count)} review{(count == 1 ? "" : "s")} to {assignee}",
    };

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
