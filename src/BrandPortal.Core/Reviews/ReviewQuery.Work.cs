namespace BrandPortal.Core.Reviews;

public sealed partial class ReviewQuery
{
    /// <summary>
    /// The page's keys for "assigned to a user" or "done only" (<see cref="ReviewWorkSql.DrivesFromWork"/>): one range of
    /// the account's review_work index in the list's order (review_created_at is the review's created_at), each row
    /// joined to its review by primary key and checked against the rest of the filter. Reads about as many rows as the
    /// user has assigned (or done), not the brand's million. sort=lowest sorts those rows: they are the user's own few.
    /// </summary>
    private static string WorkKeys(Scope scope, SqlBuilder sql, int limit)
    {
        var f = scope.Filter;
        var (from, where) = ReviewWorkSql.WorkSource(f, scope.ViewerId, sql.Add(scope.SellerAccountId), sql.Add, BrandSet(scope, sql), scope.Since, scope.Until);
        var keyset = "";
        if (f.After is { } c)
        {
            var after = $"({sql.Add(c.CreatedAt)}, {sql.Add(c.Id)})";
            keyset = f.Sort switch
            {
                ReviewSort.Oldest => $" AND (wq.review_created_at, wq.review_id) > {after}",
                ReviewSort.Lowest => $" AND (r.rating > {sql.Add((short)c.Rating)} OR (r.rating = {sql.Add((short)c.Rating)} AND (r.created_at, r.id) < {after}))",
                _ => $" AND (wq.review_created_at, wq.review_id) < {after}",
            };
        }
        var order = f.Sort switch
        {
            ReviewSort.Oldest => "wq.review_created_at, wq.review_id",
            ReviewSort.Lowest => "r.rating, r.created_at DESC, r.id DESC",
            _ => "wq.review_created_at DESC, wq.review_id DESC",
        };
        return $"""
            SELECT r.id, r.rating, r.created_at FROM {from}
            WHERE {where} AND r.rating = ANY({sql.Add(f.Stars.Select(s => (short)s).ToArray())}){CommonConditions(scope, sql, workJoined: true)}{keyset}
            ORDER BY {order} LIMIT {limit}
            """;
    }
}
