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
    /// (account, review). <paramref name="seller"/> is the parameter holding the account id.
    /// </summary>
    public static string Conditions(ReviewFilter f, long viewerId, string seller, Func<object, string> add)
    {
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
        DateTimeOffset? since, DateTimeOffset? until)
    {
        var where = $"wq.seller_account_id = {seller}";
        where += f.AssigneeFor(viewerId) is { } assignee ? $" AND wq.assignee_user_id = {add(assignee)}" : " AND wq.done_at IS NOT NULL";
        // The copy of the review's created_at bounds the index range; the review's own column is checked as well.
        if (since is { } s) where += $" AND wq.review_created_at >= {add(s)}";
        if (until is { } u) where += $" AND wq.review_created_at < {add(u)}";
        return ("review_work wq JOIN reviews r ON r.id = wq.review_id", where);
    }
}
