using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Notes;

/// <summary>One internal note as the Contact page shows it; <see cref="CanDelete"/> for its author at View and Edit.</summary>
public sealed record NoteItem(long Id, string Text, string AuthorEmail, DateTimeOffset CreatedAt, bool CanDelete);

/// <summary>A review's internal notes of the user's seller account, newest first, and whether the user may add one.</summary>
public sealed record ReviewNotes(long ReviewId, IReadOnlyList<NoteItem> Notes, int Count, bool CanAdd)
{
    /// <summary>At most this many notes are loaded; <see cref="Count"/> says how many there are.</summary>
    public const int Shown = 100;
}

/// <summary>
/// Internal notes on a review (docs/PRODUCT.md#internal-notes): written and read by the users of one seller account
/// who may see the review in Customer Reviews. Every statement is scoped by the user's seller account, so another
/// account selling the same brand, a customer or Support never reads a note. Notes never reach a customer, so the
/// communication guidelines do not apply to them. Adding and deleting are audited without the note's text: the audit
/// log is also read by Support.
/// </summary>
public sealed class ReviewNoteService(BrandPortalDbContext db, TimeProvider clock)
{
    /// <summary>Null when the review does not exist or is not one the user may see in Customer Reviews.</summary>
    public async Task<ReviewNotes?> LoadAsync(UserAccess user, long reviewId, CancellationToken ct = default)
    {
        if (user.SellerAccountId is not { } account || !await MaySeeAsync(user, reviewId, ct)) return null;
        var notes = db.ReviewNotes.AsNoTracking().Where(n => n.ReviewId == reviewId && n.SellerAccountId == account);
        var rows = await notes.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(ReviewNotes.Shown)
            .Select(n => new { n.Id, n.Text, n.AuthorUserId, n.CreatedAt, Author = db.Users.Where(u => u.Id == n.AuthorUserId).Select(u => u.Email).First() })
            .ToListAsync(ct);
        var count = rows.Count < ReviewNotes.Shown ? rows.Count : await notes.CountAsync(ct);
        var canEdit = user.Can(Permission.CustomerReviews, PermissionLevel.ViewAndEdit);
        return new ReviewNotes(reviewId,
            rows.Select(n => new NoteItem(n.Id, n.Text, n.Author ?? "", n.CreatedAt, canEdit && n.AuthorUserId == user.UserId)).ToList(),
            count, canEdit);
    }

    public async Task<Outcome> AddAsync(UserAccess user, Actor actor, long reviewId, string? text, CancellationToken ct = default)
    {
        if (user.SellerAccountId is not { } account || !await MaySeeAsync(user, reviewId, ct)) return Outcome.NotFound;
        if (!user.Can(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)) return Outcome.Forbidden;
        var (clean, problem) = NoteText.Check(text);
        if (problem is not null) return Outcome.Refused(problem);

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var note = new ReviewNote { ReviewId = reviewId, SellerAccountId = account, AuthorUserId = user.UserId, Text = clean!, CreatedAt = now };
        db.ReviewNotes.Add(note);
        await db.SaveChangesAsync(ct); // the note's id goes into the audit entry
        db.Audit(actor, AuditActions.NoteAdded, "Review", Id(reviewId), null, $"note {Id(note.Id)} ({clean!.Length} characters)", now, account);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Done("Your note is saved. Only users of your seller account see it.");
    }

    /// <summary>Only the note's author deletes it; anyone else of the account is refused, and nothing changes.</summary>
    public async Task<Outcome> DeleteAsync(UserAccess user, Actor actor, long reviewId, long noteId, CancellationToken ct = default)
    {
        if (user.SellerAccountId is not { } account || !await MaySeeAsync(user, reviewId, ct)) return Outcome.NotFound;
        if (!user.Can(Permission.CustomerReviews, PermissionLevel.ViewAndEdit)) return Outcome.Forbidden;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var note = await db.ReviewNotes.FirstOrDefaultAsync(n => n.Id == noteId && n.ReviewId == reviewId && n.SellerAccountId == account, ct);
        if (note is null) return Outcome.NotFound;
        if (note.AuthorUserId != user.UserId)
        {
            var author = await db.Users.Where(u => u.Id == note.AuthorUserId).Select(u => u.Email).FirstAsync(ct);
            return Outcome.Refused($"Only the author of a note can delete it; this one was written by {author}.");
        }
        db.ReviewNotes.Remove(note);
        db.Audit(actor, AuditActions.NoteDeleted, "Review", Id(reviewId), $"note {Id(note.Id)}", null, clock.GetUtcNow(), account);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Done("Your note is deleted.");
    }

    /// <summary>The Contact page's own rule: Customer Reviews is open to the user and they represent the review's brand.</summary>
    private async Task<bool> MaySeeAsync(UserAccess user, long reviewId, CancellationToken ct)
    {
        if (ReviewAccess.Missing(user).Count > 0) return false;
        var brand = await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId).Select(r => (long?)r.BrandId).FirstOrDefaultAsync(ct);
        return brand is { } b && user.Represents(b);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The rules a note's text follows. Pure.</summary>
public static class NoteText
{
    /// <summary>The text as stored (trimmed, control characters other than line breaks and tabs removed), or the problem in words.</summary>
    public static (string? Text, string? Problem) Check(string? text)
    {
        // NUL and the other control characters are never part of a note (PostgreSQL refuses NUL in text); line breaks are.
        var clean = new string((text ?? "").Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim();
        if (clean.Length == 0) return (null, "Write the note first: it cannot be empty.");
        if (clean.Length > ReviewNote.MaxLength)
            return (null, $"A note can be at most {N(ReviewNote.MaxLength)} characters long; this one has {N(clean.Length)}. Shorten it or split it into two notes.");
        return (clean, null);
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
