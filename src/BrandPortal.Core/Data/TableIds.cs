using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Data;

/// <summary>
/// Ids for rows written by COPY, drawn from the table's own identity sequence: the rows get exactly the ids an INSERT
/// would have given them, and other writers (tracked inserts, other instances) never get the same ones. The sequence is
/// looked up once per statement (the materialised CTE): <c>pg_get_serial_sequence</c> in the select list would run once
/// per id, a catalog search each time, five times the cost of the ids themselves.
/// </summary>
internal static class TableIds
{
    public static async Task<long[]> NextAsync(BrandPortalDbContext db, string table, int count, CancellationToken ct)
        => count == 0 ? [] : (await db.Database.SqlQuery<long>(
            $"""
             WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence({table}, 'id')::regclass AS seq)
             SELECT nextval(s.seq) AS "Value" FROM s, generate_series(1, {count})
             """).ToListAsync(ct)).ToArray();
}
