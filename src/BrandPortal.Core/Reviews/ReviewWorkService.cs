using BrandPortal.Core.Data.Replicas;
using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Reviews;

/// <summary>A user who may be given a review: same seller account, represents its brand, may open Customer Reviews.</summary>
public sealed record AssigneeCandidate(long UserId, string Email);

/// <summary>The Assign page: the review, its current assignee in the user's account and who may be given it.</summary>
public sealed record AssignView(long ReviewId, string Title, int Rating, string BrandName, string? Assignee, IReadOnlyList<AssigneeCandidate> Candidates,
    DateTimeOffset? DoneAt = null, string? DoneBy = null);

/// <summary>
/// Done and assignment of one review, per seller account (docs/PRODUCT.md#done-and-assignment). Each change is one
/// upsert of the account's review_work row plus its audit entry, in one transaction. The review must be of a brand the
/// user represents (otherwise NotFound, never told apart from a missing one), and changing needs Customer Reviews at
/// View and Edit. An assignee is checked here against the database, whatever the form offered.
/// </summary>
public sealed class ReviewWorkService(BrandPortalDbContext db, TimeProvider clock, IOptions<PortalOptions> portal, OutboxSignal outbox, ReadDb? read = null)
{
    public const string ViewOnlyMessage =
        "Your Customer Reviews permission is View: you can see which reviews are done and assigned but not change them. " +
        "Ask your account administrator for View and Edit (under Advertising).";

    public async Task<Outcome> SetDoneAsync(UserAccess user, Actor actor, long reviewId, bool done, CancellationToken ct = default)
    {
        if (await VisibleReviewAsync(user, reviewId, ct) is not { } review) return Outcome.NotFound;
        if (!CanChange(user)) return Outcome.Refused(ViewOnlyMessage);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The WHERE of the conflict branch keeps the first who/when of an already done review: a second click changes nothing.
        var changed = done
            ? await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO review_work (seller_account_id, review_id, brand_id, review_created_at, done_at, done_by_user_id)
                VALUES ({user.SellerAccountId}, {reviewId}, {review.BrandId}, {review.CreatedAt}, {now}, {user.UserId})
                ON CONFLICT (seller_account_id, review_id) DO UPDATE SET done_at = excluded.done_at, done_by_user_id = excluded.done_by_user_id
                WHERE review_work.done_at IS NULL
                """, ct)
            : await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE review_work SET done_at = NULL, done_by_user_id = NULL
                WHERE seller_account_id = {user.SellerAccountId} AND review_id = {reviewId} AND done_at IS NOT NULL
                """, ct);
        if (changed == 0) return Outcome.Done(done ? "This review was already done." : "This review was not done; nothing changed.");
        db.Audit(actor with { SellerAccountId = user.SellerAccountId }, done ? AuditActions.ReviewDone : AuditActions.ReviewReopened, "Review",
            reviewId.ToString(CultureInfo.InvariantCulture), done ? "open" : "done", done ? "done" : "open", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Done(done ? "Marked as done. Done reviews are hidden unless the filter includes them." : "Undone: the review is open again.");
    }

    /// <summary>The Assign page's facts; null when the review is not one the user may see (404).</summary>
    public async Task<AssignView?> GetAssignAsync(UserAccess user, long reviewId, CancellationToken ct = default)
    {
        if (await VisibleReviewAsync(user, reviewId, ct) is not { } review) return null;
        var row = await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId)
            .Select(r => new
            {
                r.Title, r.Rating,
                Work = db.ReviewWork.Where(w => w.SellerAccountId == user.SellerAccountId && w.ReviewId == r.Id)
                    .Select(w => new
                    {
                        Assignee = db.Users.Where(u => u.Id == w.AssigneeUserId).Select(u => u.Email).FirstOrDefault(),
                        w.DoneAt,
                        DoneBy = db.Users.Where(u => u.Id == w.DoneByUserId).Select(u => u.Email).FirstOrDefault(),
                    }).FirstOrDefault(),
            })
            .FirstAsync(ct);
        return new AssignView(reviewId, row.Title, row.Rating, review.BrandName, row.Work?.Assignee, await Candidates(user, review.BrandId).ToListAsync(ct),
            row.Work?.DoneAt, row.Work?.DoneBy);
    }

    /// <summary>The users the review may be assigned to, read from the database for its brand; empty when it is not visible.</summary>
    public async Task<IReadOnlyList<AssigneeCandidate>> CandidatesAsync(UserAccess user, long reviewId, CancellationToken ct = default)
        => await VisibleReviewAsync(user, reviewId, ct) is { } review ? await Candidates(user, review.BrandId).ToListAsync(ct) : [];

    /// <summary>Assigns the review to <paramref name="assigneeUserId"/>, or unassigns it when null. Emails the assignee unless it is the user or they opted out.</summary>
    public async Task<Outcome> AssignAsync(UserAccess user, Actor actor, long reviewId, long? assigneeUserId, CancellationToken ct = default)
    {
        if (await VisibleReviewAsync(user, reviewId, ct) is not { } review) return Outcome.NotFound;
        if (!CanChange(user)) return Outcome.Refused(ViewOnlyMessage);
        var now = clock.GetUtcNow();
        var id = reviewId.ToString(CultureInfo.InvariantCulture);
        if (assigneeUserId is null)
        {
            await using var utx = await db.Database.BeginTransactionAsync(ct);
            var before = await db.ReviewWork.Where(w => w.SellerAccountId == user.SellerAccountId && w.ReviewId == reviewId)
                .Select(w => db.Users.Where(u => u.Id == w.AssigneeUserId).Select(u => u.Email).FirstOrDefault()).FirstOrDefaultAsync(ct);
            var cleared = await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE review_work SET assignee_user_id = NULL, assigned_at = NULL, assigned_by_user_id = NULL
                WHERE seller_account_id = {user.SellerAccountId} AND review_id = {reviewId} AND assignee_user_id IS NOT NULL
                """, ct);
            if (cleared == 0) return Outcome.Done("This review was not assigned; nothing changed.");
            db.Audit(actor with { SellerAccountId = user.SellerAccountId }, AuditActions.ReviewAssigned, "Review", id, $"assigned to {before}", "unassigned", now);
            await db.SaveChangesAsync(ct);
            await utx.CommitAsync(ct);
            return Outcome.Done("Unassigned.");
        }

        var assignee = await CandidateUsers(user, review.BrandId).Where(u => u.Id == assigneeUserId)
            .Select(u => new { UserId = u.Id, Email = u.Email!, Notify = u.EmailWhenAssigned })
            .FirstOrDefaultAsync(ct);
        if (assignee is null)
            return Outcome.Refused($"That user cannot be given this review: a review can be assigned only to a user of your seller account " +
                                   $"who represents {review.BrandName} and may open Customer Reviews. Nothing was changed.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO review_work (seller_account_id, review_id, brand_id, review_created_at, assignee_user_id, assigned_at, assigned_by_user_id)
            VALUES ({user.SellerAccountId}, {reviewId}, {review.BrandId}, {review.CreatedAt}, {assignee.UserId}, {now}, {user.UserId})
            ON CONFLICT (seller_account_id, review_id) DO UPDATE
            SET assignee_user_id = excluded.assignee_user_id, assigned_at = excluded.assigned_at, assigned_by_user_id = excluded.assigned_by_user_id
            WHERE review_work.assignee_user_id IS DISTINCT FROM excluded.assignee_user_id
            """, ct);
        if (changed == 0) return Outcome.Done($"This review was already assigned to {assignee.Email}.");
        db.Audit(actor with { SellerAccountId = user.SellerAccountId }, AuditActions.ReviewAssigned, "Review", id, null, $"assigned to {assignee.Email}", now);
        var emailed = assignee.UserId != user.UserId && assignee.Notify;
        if (emailed) EnqueueAssignedEmail(user, assignee.Email, 1, review.BrandName, now, $"review-{user.SellerAccountId}-{reviewId}-assigned-{now.UtcTicks}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (emailed) outbox.Notify();
        return Outcome.Done(assignee.UserId == user.UserId ? "Assigned to you." : $"Assigned to {assignee.Email}{(emailed ? ", who is emailed" : "")}.");
    }

    /// <summary>"Assigned to me (N)" on the dashboard: what <c>/Brands/Reviews?assignee=me</c> lists (done hidden), counted exactly.</summary>
    public async Task<int> AssignedToMeAsync(UserAccess user, CancellationToken ct = default)
    {
        if (ReviewAccess.Missing(user).Count > 0) return 0;
        var filter = ReviewFilter.Default with { Assignee = AssigneeFilter.Me };
        // Stale-tolerant (a dashboard figure): reads a standby when one is configured.
        return await ReviewBulk.CountAsync(read?.Context ?? db, user, filter, clock.GetUtcNow(), ct);
    }

    /// <summary>"Email me when a review is assigned to me" (on /Brands/Alerts), on unless turned off.</summary>
    public Task<bool> EmailWhenAssignedAsync(UserAccess user, CancellationToken ct = default)
        => db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.EmailWhenAssigned).FirstAsync(ct);

    /// <summary>Turns the assignment email on ("on") or off ("off"); anything else is refused. Audited as an alert change.</summary>
    public async Task<Outcome> SetEmailWhenAssignedAsync(UserAccess user, Actor actor, string? choice, CancellationToken ct = default)
    {
        bool? on = choice?.Trim().ToLowerInvariant() switch { "on" => true, "off" => false, _ => null };
        if (on is not { } value) return Outcome.Refused("Choose whether to be emailed when a review is assigned to you: on or off. Nothing was changed.");
        if (ReviewAccess.Missing(user).Count > 0) return Outcome.Forbidden;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Users.Where(u => u.Id == user.UserId && u.EmailWhenAssigned != value)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailWhenAssigned, value), ct);
        if (changed > 0)
        {
            db.Audit(actor with { SellerAccountId = user.SellerAccountId }, AuditActions.AlertsChanged, "User", user.Email,
                $"assignment email {(value ? "off" : "on")}", $"assignment email {(value ? "on" : "off")}", clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return Outcome.Done(value ? "You will be emailed when a colleague assigns a review to you." : "You will no longer be emailed when a review is assigned to you.");
    }

    internal static bool CanChange(UserAccess user) => user.SellerAccountId is not null && user.Can(Permission.CustomerReviews, PermissionLevel.ViewAndEdit);

    /// <summary>Users of the account who represent the brand and hold Customer Reviews at View or more.</summary>
    private IQueryable<PortalUser> CandidateUsers(UserAccess user, long brandId)
        => db.Users.AsNoTracking()
            .Where(u => u.SellerAccountId == user.SellerAccountId && u.SellerAccountId != null
                        && u.BrandRoles.Any(r => r.BrandId == brandId && r.Role == BrandRole.BrandRepresentative)
                        && u.Permissions.Any(p => p.Permission == Permission.CustomerReviews && (p.Level == PermissionLevel.View || p.Level == PermissionLevel.ViewAndEdit)));

    private IQueryable<AssigneeCandidate> Candidates(UserAccess user, long brandId)
        => CandidateUsers(user, brandId).OrderBy(u => u.Email).Select(u => new AssigneeCandidate(u.Id, u.Email!));

    internal void EnqueueAssignedEmail(UserAccess by, string to, long count, string brandName, DateTimeOffset now, string messageKey)
    {
        var email = EmailTemplates.Render("ReviewAssigned", new Dictionary<string, string>
        {
            ["AssignedBy"] = by.Email,
            ["Count"] = count == 1 ? "a review" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} reviews",
            ["BrandName"] = brandName,
            ["ListLink"] = $"{portal.Value.BaseUrl.TrimEnd('/')}/Brands/Reviews?assignee=me",
            ["SettingsLink"] = $"{portal.Value.BaseUrl.TrimEnd('/')}/Brands/Alerts",
        });
        db.Enqueue(EmailKind.ReviewAssigned, messageKey, to, to, email, now);
    }

    private sealed record VisibleReview(long BrandId, string BrandName, DateTimeOffset CreatedAt);

    private async Task<VisibleReview?> VisibleReviewAsync(UserAccess user, long reviewId, CancellationToken ct)
    {
        if (ReviewAccess.Missing(user).Count > 0 || user.SellerAccountId is null) return null;
        var brands = user.RepresentedBrands.Select(b => b.BrandId).ToArray();
        return await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId && brands.Contains(r.BrandId))
            .Select(r => new VisibleReview(r.BrandId, db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.Name).First(), r.CreatedAt))
            .FirstOrDefaultAsync(ct);
    }
}
