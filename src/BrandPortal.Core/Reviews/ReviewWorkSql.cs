namespace BrandPortal.Core.Reviews;

/// <summary>
/// The done and assignee filters as SQL over <c>review_work</c>, the account's own row per review (docs/PRODUCT.md#done-and-assignment):
/// one text for the page, its count, the CSV export and the bulk actions, so that what a bulk action changes is
/// exactly what the page shows.
/// </summary>
internal static class ReviewWorkSql
{
    /// <summary>
    /// True when the page reads its keys from review_work rather than from the brand's reviews: "assigned to a user" and
    /// "done only" are a few rows of a large brand, which a keyset scan of reviews would walk the whole brand to find.
    /// </summary>
    public static bool DrivesFromWork(ReviewFilter f) => f.Assignee is AssigneeFilter.Me or AssigneeFilter.User || f.Done == DoneFilter.Only;

    /// <summary>
    /// Conditions on reviews <c>r</c>, each starting with " AND": anti- and semi-joins on review_work's primary key
    /// (account, review). <paramref name="seller"/> is the parameter holding the account id. With
    /// <paramref name="onWorkRow"/> (the statement reads from <see cref="WorkSource"/>) they are plain conditions on the
    /// row <c>wq</c> itself: a second probe of the same row would make PostgreSQL count the condition twice, expect a
    /// handful of rows, and hash-join and sort them all instead of walking the index.
    /// </summary>
    public static string Conditions(ReviewFilter f, long viewerId, string seller, Func<object, string> add, bool onWorkRow = false)
    {
        if (onWorkRow)
        {
            var t = f.Done switch { DoneFilter.Hide => " AND wq.done_at IS NULL", DoneFilter.Only => " AND wq.done_at IS NOT NULL", _ => "" };
            // The assignee, when a user, is WorkSource's own condition (the index's second column).
            return f.Assignee == AssigneeFilter.None ? t + " AND wq.assignee_user_id IS NULL" : t;
        }
        var own = $"SELECT 1 FROM review_work w WHERE w.seller_account_id = {seller} AND w.review_id = r.id";
        var text = f.Done switch
        {
            DoneFilter.Hide => $" AND NOT EXISTS ({own} AND w.done_at IS NOT NULL)",
            DoneFilter.Only => $" AND EXISTS ({own} AND w.done_at IS NOT NULL)",
            _ => "",
        };
        if (f.Assignee == AssigneeFilter.None) text += $" AND NOT EXISTS ({own} AND w.assignee_user_id IS NOT NULL)";
        else if (f.AssigneeFor(viewerId) is { } assignee) text += $" AND EXISTS ({own} AND w.assignee_user_id = {add(assignee)})";
        return text;
    }

    /// <summary>
    /// For <see cref="DrivesFromWork"/>: the FROM of review_work <c>wq</c> joined to its reviews, and the conditions that
    /// put the scan on ix_review_work_assignee_created (or ix_review_work_done_created) in the list's order.
    /// </summary>
    public static (string From, string Where) WorkSource(ReviewFilter f, long viewerId, string seller, Func<object, string> add,
        string brands, DateTimeOffset? since, DateTimeOffset? until)
    {
        // Brands and time on the copies in review_work, not through the join (see ReviewWork): the estimate stays right.
        var where = $"wq.seller_account_id = {seller} AND wq.brand_id = ANY({brands})";
        // The done condition comes with the others (Conditions with onWorkRow); done=only without an assignee walks ix_review_work_done_created.
        if (f.AssigneeFor(viewerId) is { } assignee) where += $" AND wq.assignee_user_id = {add(assignee)}";
        // The copy of the review's created_at bounds the index range.
        if (since is { } s) where += $" AND wq.review_created_at >= {add(s)}";
        if (until is { } u) where += $" AND wq.review_created_at < {add(u)}";
        return ("review_work wq JOIN reviews r ON r.id = wq.review_id", where);
    }
}
