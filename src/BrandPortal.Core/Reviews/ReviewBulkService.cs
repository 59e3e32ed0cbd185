using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Reviews;

/// <summary>
/// Bulk *Mark as done*, *Undo done* and *Assign to …* over checked cards or "all N matching this filter"
/// (docs/PRODUCT.md#bulk-actions): a preview that writes nothing (the confirmation's count), then one statement that
/// writes, and one audit entry with the count and the filter, in one transaction.
/// </summary>
public sealed class ReviewBulkService(BrandPortalDbContext db, ReviewWorkService work, TimeProvider clock, OutboxSignal outbox)
{
    /// <summary>A selection may name at most this many checked ids; more is "all matching", which has no limit.</summary>
    public const int MaxSelectedIds = 500;

    /// <summary>The users a bulk assignment may go to: of the account, representing at least one of the user's brands.</summary>
    public async Task<IReadOnlyList<AssigneeCandidate>> CandidatesAsync(UserAccess user, CancellationToken ct = default)
    {
        if (ReviewAccess.Missing(user).Count > 0 || user.SellerAccountId is null) return [];
        var brands = user.RepresentedBrands.Select(b => b.BrandId).Distinct().ToArray();
        return await db.Users.AsNoTracking()
            .Where(u => u.SellerAccountId == user.SellerAccountId
                        && u.BrandRoles.Any(r => brands.Contains(r.BrandId) && r.Role == BrandRole.BrandRepresentative)
                        && u.Permissions.Any(p => p.Permission == Permission.CustomerReviews && (p.Level == PermissionLevel.View || p.Level == PermissionLevel.ViewAndEdit)))
            .OrderBy(u => u.Email).Select(u => new AssigneeCandidate(u.Id, u.Email!)).ToListAsync(ct);
    }

    /// <summary>What the action would do; an Outcome instead when it cannot be done at all (nothing selected, View only, unknown assignee).</summary>
    public async Task<(BulkPreview? Preview, Outcome? Refusal)> PreviewAsync(UserAccess user, BulkAction action, BulkSelection selection,
        long? assigneeUserId, CancellationToken ct = default)
    {
        if (await CheckAsync(user, action, selection, assigneeUserId, ct) is { Refusal: { } refusal }) return (null, refusal);
        var assignee = action == BulkAction.Assign ? (await CandidatesAsync(user, ct)).First(c => c.UserId == assigneeUserId) : null;
        var parameters = new List<NpgsqlParameter>();
        var (where, seller) = ReviewBulk.Selection(user, selection, clock.GetUtcNow(), parameters);
        var assigneeParam = assignee is null ? null : ReviewBulk.Add(parameters, assignee.UserId);
        var (matched, effective) = await ReviewBulk.ReadAsync(db, null, ReviewBulk.PreviewSql(action, where, seller, assigneeParam), parameters, ct);
        return (new BulkPreview(action, matched, effective, assignee), null);
    }

    public async Task<Outcome> ApplyAsync(UserAccess user, Actor actor, BulkAction action, BulkSelection selection, long? assigneeUserId,
        CancellationToken ct = default)
    {
        if (await CheckAsync(user, action, selection, assigneeUserId, ct) is { Refusal: { } refusal }) return refusal;
        var assignee = action == BulkAction.Assign ? (await CandidatesAsync(user, ct)).First(c => c.UserId == assigneeUserId) : null;
        var notify = assignee is not null && assignee.UserId != user.UserId
                     && await db.Users.Where(u => u.Id == assignee.UserId).Select(u => u.EmailWhenAssigned).FirstAsync(ct);
        var now = clock.GetUtcNow();
        var parameters = new List<NpgsqlParameter>();
        var (where, seller) = ReviewBulk.Selection(user, selection, now, parameters);
        var sql = ReviewBulk.ApplySql(action, where, seller, ReviewBulk.Add(parameters, user.UserId), ReviewBulk.Add(parameters, now),
            assignee is null ? null : ReviewBulk.Add(parameters, assignee.UserId));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (matched, changed) = await ReviewBulk.ReadAsync(db, tx, sql, parameters, ct);
        var scope = selection.AllMatching ? $"all matching {Query(selection.Filter)}" : $"{selection.Ids.Distinct().Count()} checked";
        db.Audit(actor with { SellerAccountId = user.SellerAccountId }, AuditActions.ReviewsBulkChanged, "Reviews", scope.Length > 100 ? scope[..100] : scope,
            $"{ReviewBulk.Number(matched)} selected", $"{ReviewBulk.Describe(action, matched, assignee?.Email)}: {ReviewBulk.Number(changed)} changed; selection: {scope}", now);
        var emailed = notify && changed > 0;
        if (emailed)
        {
            var brand = selection.Filter.BrandId is { } b ? user.RepresentedBrands.First(r => r.BrandId == b).BrandName : "your brands";
            work.EnqueueAssignedEmail(user, assignee!.Email, changed, brand, now, $"bulk-{user.SellerAccountId}-{assignee.UserId}-assigned-{now.UtcTicks}");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (emailed) outbox.Notify();
        return Outcome.Done(Summary(action, matched, changed, assignee?.Email) + (emailed ? $" {assignee!.Email} is emailed." : ""));
    }

    /// <summary>The result in words: what changed, what was skipped and why.</summary>
    public static string Summary(BulkAction action, int matched, int changed, string? assignee)
    {
        var skipped = matched - changed;
        var n = ReviewBulk.Number;
        return action switch
        {
            BulkAction.Done => $"{n(changed)} review{(changed == 1 ? "" : "s")} marked as done." + (skipped > 0 ? $" {n(skipped)} skipped: already done." : ""),
            BulkAction.Undo => $"{n(changed)} review{(changed == 1 ? "" : "s")} open again." + (skipped > 0 ? $" {n(skipped)} skipped: not done." : ""),
            _ => $"{n(changed)} review{(changed == 1 ? "" : "s")} assigned to {assignee}." +
                 (skipped > 0 ? $" {n(skipped)} skipped: {assignee} does not represent their brand, or they were already assigned to {assignee}." : ""),
        };
    }

    private async Task<(bool Ok, Outcome? Refusal)> CheckAsync(UserAccess user, BulkAction action, BulkSelection selection, long? assigneeUserId,
        CancellationToken ct)
    {
        if (ReviewAccess.Missing(user).Count > 0) return (false, Outcome.Forbidden);
        if (!ReviewWorkService.CanChange(user)) return (false, Outcome.Refused(ReviewWorkService.ViewOnlyMessage));
        if (!selection.AllMatching && selection.Ids.Count == 0)
            return (false, Outcome.Refused("No reviews were selected. Tick the reviews to change, or \"Select all matching this filter\". Nothing was changed."));
        if (selection.Ids.Count > MaxSelectedIds)
            return (false, Outcome.Refused($"At most {MaxSelectedIds} reviews can be ticked one by one; use \"Select all matching this filter\" instead. Nothing was changed."));
        if (action != BulkAction.Assign) return (true, null);
        if (assigneeUserId is null) return (false, Outcome.Refused("Choose who to assign the reviews to. Nothing was changed."));
        if ((await CandidatesAsync(user, ct)).All(c => c.UserId != assigneeUserId))
            return (false, Outcome.Refused("That user cannot be given these reviews: reviews can be assigned only to a user of your seller account " +
                                           "who represents their brand and may open Customer Reviews. Nothing was changed."));
        return (true, null);
    }

    private static string Query(ReviewFilter f) => f.ToQueryString() is "?" ? "(default filter)" : f.ToQueryString();
}
