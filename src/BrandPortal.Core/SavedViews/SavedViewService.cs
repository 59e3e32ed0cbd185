using BrandPortal.Core.Data.Replicas;
using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.SavedViews;

public enum SavedViewVisibility { Private, Shared }

/// <summary>
/// A saved view as the filter panel and the Views page list it: <see cref="Query"/> is the stored filter parsed again
/// for this user (it opens <c>/Brands/Reviews?{Query}</c>), <see cref="Problems"/> what of it no longer applies to them.
/// </summary>
public sealed record SavedViewItem(
    long Id, string Name, bool Shared, string OwnerEmail, bool IsMine, bool CanChange, string Query, string Description, IReadOnlyList<string> Problems);

/// <summary>The views a user sees: their private ones, then the account's shared ones, each by name.</summary>
public sealed record SavedViewList(IReadOnlyList<SavedViewItem> Private, IReadOnlyList<SavedViewItem> Shared, bool CanSave)
{
    public int Count => Private.Count + Shared.Count;
}

/// <summary>
/// Saved views of Customer Reviews (docs/PRODUCT.md#saved-views). A private view is seen and changed by its owner only;
/// a shared view is seen by every user of its seller account who may open Customer Reviews, and renamed or deleted by
/// its creator or an account administrator. A view never crosses seller accounts: every statement is scoped by the
/// user's account. Using a view parses its filter again with the user's current brands, so it never shows more than
/// the page would. Changes need Customer Reviews at View and Edit, like every change in Customer Reviews, and are audited.
/// </summary>
public sealed class SavedViewService(BrandPortalDbContext db, TimeProvider clock, SavedViewCache? cache = null, ReadDb? read = null)
{
    /// <summary>Null when the user may not open Customer Reviews. Read fresh (the Views page).</summary>
    public async Task<SavedViewList?> ListAsync(UserAccess user, CancellationToken ct = default)
        => user.SellerAccountId is not { } account || ReviewAccess.Missing(user).Count > 0 ? null : ToList(user, await LoadAsync(db, user, account, ct));

    /// <summary>As <see cref="ListAsync"/>, for the filter panel: from <see cref="SavedViewCache"/> when it holds the user's views.</summary>
    public async Task<SavedViewList?> ListForPanelAsync(UserAccess user, CancellationToken ct = default)
    {
        if (cache is null) return await ListAsync(user, ct);
        if (user.SellerAccountId is not { } account || ReviewAccess.Missing(user).Count > 0) return null;
        var now = clock.GetUtcNow();
        if (cache.Get(account, user.UserId, now) is { } cached) return ToList(user, cached);
        var version = cache.Version(account);
        // Stale-tolerant like the list it sits in: a standby when one is configured (the user's own save is read back
        // from the primary until the standby has it: see ReadDb.CatchUpAsync).
        var rows = await LoadAsync(read?.Context ?? db, user, account, ct);
        cache.Set(account, user.UserId, version, rows, now);
        return ToList(user, rows);
    }

    private static async Task<IReadOnlyList<SavedViewRow>> LoadAsync(BrandPortalDbContext db, UserAccess user, long account, CancellationToken ct)
        => await Visible(db, user, account).AsNoTracking()
            .OrderBy(v => v.NameKey).ThenBy(v => v.Id)
            .Select(v => new SavedViewRow(v.Id, v.Name, v.Shared, v.OwnerUserId, db.Users.Where(u => u.Id == v.OwnerUserId).Select(u => u.Email).First() ?? "", v.Query))
            .ToListAsync(ct);

    /// <summary>The rows as this user sees them today: their filters parsed with the user's brands, their rights from the user's access.</summary>
    private static SavedViewList ToList(UserAccess user, IReadOnlyList<SavedViewRow> rows)
    {
        var items = rows.Select(v =>
        {
            var (parsed, query) = SavedViewQuery.Normalize(v.Query, user.RepresentedBrands);
            return new SavedViewItem(v.Id, v.Name, v.Shared, v.OwnerEmail, v.OwnerUserId == user.UserId, MayChange(user, v.Shared, v.OwnerUserId), query,
                ReviewFilterSummary.Describe(parsed.Filter, user.RepresentedBrands), parsed.Messages);
        }).ToList();
        return new SavedViewList(items.Where(i => !i.Shared).ToList(), items.Where(i => i.Shared).ToList(), CanEdit(user));
    }

    /// <summary>Saves <paramref name="query"/> (normalized first) under <paramref name="name"/>.</summary>
    public async Task<Outcome> SaveAsync(UserAccess user, Actor actor, string? name, SavedViewVisibility? visibility, string? query, CancellationToken ct = default)
    {
        if (user.SellerAccountId is not { } account || ReviewAccess.Missing(user).Count > 0 || !CanEdit(user)) return Outcome.Forbidden;
        var (clean, problem) = SavedViewName.Check(name);
        if (problem is not null) return Outcome.Refused(problem);
        if (visibility is not { } chosen || !Enum.IsDefined(chosen)) return Outcome.Refused("Choose who sees the view: only you, or everyone of your seller account.");
        var (_, normalized) = SavedViewQuery.Normalize(query, user.RepresentedBrands);
        if (normalized.Length > SavedView.MaxQueryLength) return Outcome.Refused("These filters are too long to save; shorten the search text.");
        var shared = chosen == SavedViewVisibility.Shared;
        var view = new SavedView
        {
            SellerAccountId = account, OwnerUserId = user.UserId, Shared = shared, Name = clean!, NameKey = SavedViewName.Key(clean!),
            Query = normalized, CreatedAt = clock.GetUtcNow(),
        };
        if (await TakenAsync(user, account, shared, view.NameKey, null, ct)) return Outcome.Refused(Taken(shared, clean!));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SavedViews.Add(view);
        if (!await TrySaveAsync(ct)) return Outcome.Refused(Taken(shared, clean!));
        db.Audit(actor, AuditActions.SavedViewCreated, "SavedView", Id(view.Id), null, Described(view), view.CreatedAt, account);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache?.Changed(account);
        return Outcome.Done(shared ? $"The view “{clean}” is saved and shared with your seller account." : $"The view “{clean}” is saved; only you see it.");
    }

    public async Task<Outcome> RenameAsync(UserAccess user, Actor actor, long viewId, string? name, CancellationToken ct = default)
    {
        if (user.SellerAccountId is not { } account || ReviewAccess.Missing(user).Count > 0 || !CanEdit(user)) return Outcome.Forbidden;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var view = await Visible(db, user, account).FirstOrDefaultAsync(v => v.Id == viewId, ct);
        if (view is null) return Outcome.NotFound;
        if (!MayChange(user, view.Shared, view.OwnerUserId)) return Outcome.Refused(await NotYoursAsync(view, "rename", ct));
        var (clean, problem) = SavedViewName.Check(name);
        if (problem is not null) return Outcome.Refused(problem);
        var before = view.Name;
        if (before == clean) return Outcome.Done($"The view is still called “{clean}”.");
        var key = SavedViewName.Key(clean!);
        if (await TakenAsync(user, account, view.Shared, key, view.Id, ct)) return Outcome.Refused(Taken(view.Shared, clean!));
        view.Name = clean!;
        view.NameKey = key;
        db.Audit(actor, AuditActions.SavedViewRenamed, "SavedView", Id(view.Id), view.Shared ? before : null, Described(view), clock.GetUtcNow(), account);
        if (!await TrySaveAsync(ct)) return Outcome.Refused(Taken(view.Shared, clean!));
        await tx.CommitAsync(ct);
        cache?.Changed(account);
        return Outcome.Done($"The view “{before}” is now called “{clean}”.");
    }

    public async Task<Outcome> DeleteAsync(UserAccess user, Actor actor, long viewId, CancellationToken ct = default)
    {
        if (user.SellerAccountId is not { } account || ReviewAccess.Missing(user).Count > 0 || !CanEdit(user)) return Outcome.Forbidden;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var view = await Visible(db, user, account).FirstOrDefaultAsync(v => v.Id == viewId, ct);
        if (view is null) return Outcome.NotFound;
        if (!MayChange(user, view.Shared, view.OwnerUserId)) return Outcome.Refused(await NotYoursAsync(view, "delete", ct));
        db.SavedViews.Remove(view);
        db.Audit(actor, AuditActions.SavedViewDeleted, "SavedView", Id(view.Id), Described(view), null, clock.GetUtcNow(), account);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache?.Changed(account);
        return Outcome.Done($"The view “{view.Name}” is deleted.");
    }

    /// <summary>The user's own private views and their account's shared ones; nothing of another user's private views or another account.</summary>
    private static IQueryable<SavedView> Visible(BrandPortalDbContext db, UserAccess user, long account)
        => db.SavedViews.Where(v => v.SellerAccountId == account && (v.Shared || v.OwnerUserId == user.UserId));

    /// <summary>A private view is its owner's; a shared one its creator's and the account administrators'.</summary>
    public static bool MayChange(UserAccess user, bool shared, long ownerUserId)
        => CanEdit(user) && (ownerUserId == user.UserId || (shared && user.IsAccountAdmin));

    private static bool CanEdit(UserAccess user) => user.Can(Permission.CustomerReviews, PermissionLevel.ViewAndEdit);

    private Task<bool> TakenAsync(UserAccess user, long account, bool shared, string key, long? except, CancellationToken ct)
        => db.SavedViews.AnyAsync(v => v.NameKey == key && v.Id != except
            && (shared ? v.Shared && v.SellerAccountId == account : !v.Shared && v.OwnerUserId == user.UserId), ct);

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another tab saved the same name a moment ago; the transaction is rolled back when it is disposed.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static string Taken(bool shared, string name) => shared
        ? $"Your seller account already has a shared view named “{name}”. Choose another name."
        : $"You already have a view named “{name}”. Choose another name.";

    private async Task<string> NotYoursAsync(SavedView view, string verb, CancellationToken ct)
    {
        var owner = await db.Users.Where(u => u.Id == view.OwnerUserId).Select(u => u.Email).FirstAsync(ct);
        return $"Only {owner}, who made the shared view “{view.Name}”, or an account administrator can {verb} it. Nothing was changed.";
    }

    /// <summary>
    /// A view as its audit entry records it. The account administrators read the account's audit log: a private view's
    /// name and filter stay its owner's, so only a shared view (which the whole account sees) is named.
    /// </summary>
    private static string Described(SavedView view) => view.Shared ? $"shared “{view.Name}”: ?{view.Query}" : "private view";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The rules a view's name follows. Pure.</summary>
public static class SavedViewName
{
    public static (string? Name, string? Problem) Check(string? name)
    {
        // A name is one line: control characters (line breaks, NUL) are dropped, runs of spaces kept as typed.
        var clean = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length == 0) return (null, "Give the view a name.");
        if (clean.Length > SavedView.MaxNameLength)
            return (null, $"A view's name can be at most {SavedView.MaxNameLength} characters long; this one has {clean.Length.ToString(CultureInfo.InvariantCulture)}.");
        return (clean, null);
    }

    /// <summary>Names differing only in letter case are the same name.</summary>
    public static string Key(string name) => name.ToUpperInvariant();
}
