using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Data;

/// <summary>
/// Ids for rows written by COPY, drawn from the table's own identity sequence: the rows get exactly the ids an INSERT
/// would have given them, and other writers (tracked inserts, other instances) never get the same ones.
/// </summary>
internal static class TableIds
{
    public static async Task<long[]> NextAsync(BrandPortalDbContext db, string table, int count, CancellationToken ct)
        => count == 0 ? [] : (await db.Database.SqlQuery<long>(
            $"SELECT nextval(pg_get_serial_sequence({table}, 'id')) AS \"Value\" FROM generate_series(1, {count})").ToListAsync(ct)).ToArray();
}
