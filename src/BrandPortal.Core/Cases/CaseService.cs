using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Configurations;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BrandPortal.Core.Cases;

public sealed record CaseRow(long Id, string BrandName, string SubjectEmail, string SubjectAccount, string RequesterEmail, string Justification,
    CaseState State, string? DecisionNote, string? DecidedBy, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt)
{
    public string Number => CaseService.Number(Id);
}

public sealed record CaseBrand(long Id, string Name);

/// <summary>
/// Brand Registry cases (docs/PRODUCT.md#cases): a brand's Administrator asks for Brand Representative access for a user of a
/// seller account associated with the brand; Support approves (granting the role in the same transaction) or rejects.
/// </summary>
public sealed class CaseService(BrandPortalDbContext db, TimeProvider clock, IOptions<PortalOptions> portal)
{
    public const int MaxText = 2000;

    /// <summary>The cases of every brand the user administers, newest first.</summary>
    public async Task<IReadOnlyList<CaseRow>> ListForBrandAdminAsync(UserAccess admin, CancellationToken ct = default)
    {
        var brandIds = AdministeredBrands(admin).Select(b => b.Id).ToArray();
        if (brandIds.Length == 0) return [];
        return await Project(db.Cases.AsNoTracking().Where(c => brandIds.Contains(c.BrandId)).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id))
            .Take(200).ToListAsync(ct);
    }

    /// <summary>Open cases oldest first (Support's queue), then the most recent decisions.</summary>
    public async Task<(IReadOnlyList<CaseRow> Open, IReadOnlyList<CaseRow> RecentlyDecided)> ListForSupportAsync(CancellationToken ct = default)
    {
        var open = await Project(db.Cases.AsNoTracking().Where(c => c.State == CaseState.Open).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)).Take(500).ToListAsync(ct);
        var decided = await Project(db.Cases.AsNoTracking().Where(c => c.State != CaseState.Open).OrderByDescending(c => c.DecidedAt).ThenByDescending(c => c.Id)).Take(25).ToListAsync(ct);
        return (open, decided);
    }

    public static IReadOnlyList<CaseBrand> AdministeredBrands(UserAccess user)
        => user.BrandRoles.Where(r => r.Role == BrandRole.Administrator).Select(r => new CaseBrand(r.BrandId, r.BrandName)).ToList();

    /// <summary>Users of the requester's own seller account, offered as suggestions (other accounts' users are never listed).</summary>
    public async Task<IReadOnlyList<string>> SuggestedUsersAsync(UserAccess admin, CancellationToken ct = default)
        => admin.SellerAccountId is not { } accountId ? [] :
            await db.Users.AsNoTracking().Where(u => u.SellerAccountId == accountId).OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(ct);

    public async Task<Outcome> SubmitAsync(UserAccess admin, Actor actor, long brandId, string? subjectEmail, string? justification, CancellationToken ct = default)
    {
        var brand = AdministeredBrands(admin).FirstOrDefault(b => b.Id == brandId);
        if (brand is null) return admin.IsBrandRegistryAdmin ? Outcome.Refused("Choose one of the brands you administer.") : Outcome.Forbidden;
        subjectEmail = subjectEmail?.Trim();
        justification = FreeText.Normalise(justification);
        if (string.IsNullOrEmpty(subjectEmail) || subjectEmail.Length > 254)
            return Outcome.Refused("Enter the email of the user who needs Brand Representative access.");
        if (string.IsNullOrEmpty(justification)) return Outcome.Refused("Explain why this user needs Brand Representative access: Support decides on this justification.");
        if (justification.Length > MaxText) return Outcome.RefusedFormat($"The justification is {justification.Length} characters long; keep it to {MaxText}.");

        var normalized = subjectEmail.ToUpperInvariant();
        // One message for "no such user" and "a user of an unrelated account", so the form cannot be used to find out who has an account.
        var subject = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized && u.SellerAccountId != null
                && db.BrandSellers.Any(bs => bs.BrandId == brandId && bs.SellerAccountId == u.SellerAccountId))
            .Select(u => new { u.Id, u.Email, u.SellerAccountId })
            .FirstOrDefaultAsync(ct);
        if (subject is null)
            return Outcome.RefusedFormat($"{subjectEmail} is not a user of a seller account associated with {brand.Name}. Only users of such accounts can represent the brand.");
        if (await db.UserBrandRoles.AnyAsync(r => r.UserId == subject.Id && r.BrandId == brandId && r.Role == BrandRole.BrandRepresentative, ct))
            return Outcome.RefusedFormat($"{subject.Email} already represents {brand.Name}.");
        if (await db.Cases.AnyAsync(c => c.SubjectUserId == subject.Id && c.BrandId == brandId && c.State == CaseState.Open, ct))
            return AlreadyOpen(subject.Email!, brand.Name);

        var now = clock.GetUtcNow();
        var @case = new BrandRegistryCase
        {
            RequesterUserId = admin.UserId, SubjectUserId = subject.Id, BrandId = brandId, Justification = justification,
            State = CaseState.Open, CreatedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Cases.Add(@case);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
                                           && pg.ConstraintName == BrandRegistryCaseConfiguration.OneOpenIndex)
        {
            // Another submission for the same user and brand committed between the check above and this insert.
            db.ChangeTracker.Clear();
            return AlreadyOpen(subject.Email!, brand.Name);
        }
        db.Audit(actor, AuditActions.CaseSubmitted, "Case", Number(@case.Id), null,
            $"Brand Representative of {brand.Name} for {subject.Email}", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.DoneFormat($"Case {Number(@case.Id)} submitted. Brand Registry Support will decide it; you will be emailed when they do.");
    }

    /// <summary>
    /// Decides an open case exactly once: the conditional UPDATE (WHERE state = 'Open') lets only one of two racing
    /// decisions through. Approval grants the role in the same transaction, so it works on the subject's next request.
    /// <paramref name="decision"/> is the form's word: "approve" or "reject".
    /// </summary>
    public async Task<Outcome> DecideAsync(UserAccess support, Actor actor, long caseId, string? decision, string? note, CancellationToken ct = default)
    {
        if (!support.IsSupport) return Outcome.Forbidden;
        if (decision is not ("approve" or "reject")) return Outcome.Refused("Choose Approve or Reject.");
        var approve = decision == "approve";
        note = FreeText.Normalise(note);
        if (!approve && string.IsNullOrEmpty(note)) return Outcome.Refused("Write a note saying why the case is rejected; the requester reads it.");
        if (note is { Length: > MaxText }) return Outcome.RefusedFormat($"The note is {note.Length} characters long; keep it to {MaxText}.");

        var facts = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                c.State, c.BrandId, c.SubjectUserId,
                Brand = db.Brands.Where(b => b.Id == c.BrandId).Select(b => b.Name).First(),
                Subject = db.Users.Where(u => u.Id == c.SubjectUserId).Select(u => new { u.Email, u.SellerAccountId }).First(),
                Requester = db.Users.Where(u => u.Id == c.RequesterUserId).Select(u => new { u.Email, u.SellerAccountId }).First(),
            })
            .FirstOrDefaultAsync(ct);
        if (facts is null) return Outcome.NotFound;
        if (facts.State != CaseState.Open) return AlreadyDecided(caseId, facts.State);
        if (approve && !await db.BrandSellers.AnyAsync(bs => bs.BrandId == facts.BrandId && bs.SellerAccountId == facts.Subject.SellerAccountId, ct))
            return Outcome.RefusedFormat($"{facts.Subject.Email}'s seller account is no longer associated with {facts.Brand}, so the role cannot be granted. Reject the case, or associate the account first under Support tools.");

        var now = clock.GetUtcNow();
        var state = approve ? CaseState.Approved : CaseState.Rejected;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.Cases.Where(c => c.Id == caseId && c.State == CaseState.Open)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, state)
                .SetProperty(c => c.DecisionNote, string.IsNullOrEmpty(note) ? null : note)
                .SetProperty(c => c.DecidedByUserId, support.UserId)
                .SetProperty(c => c.DecidedAt, now), ct);
        if (updated == 0)
        {
            var current = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.State).FirstAsync(ct);
            return AlreadyDecided(caseId, current);
        }

        var number = Number(caseId);
        db.Audit(actor, AuditActions.CaseDecided, "Case", number, "Open", $"{state}{(string.IsNullOrEmpty(note) ? "" : $": {note}")}", now,
            facts.Requester.SellerAccountId);
        if (approve)
        {
            // The user may have been granted the role another way meanwhile; the grant is then already there.
            if (!await db.UserBrandRoles.AnyAsync(r => r.UserId == facts.SubjectUserId && r.BrandId == facts.BrandId && r.Role == BrandRole.BrandRepresentative, ct))
                db.UserBrandRoles.Add(new UserBrandRole { UserId = facts.SubjectUserId, BrandId = facts.BrandId, Role = BrandRole.BrandRepresentative });
            await db.Users.Where(u => u.Id == facts.SubjectUserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessVersion, u => u.AccessVersion + 1), ct);
            db.Audit(actor, AuditActions.RoleGranted, "User", facts.Subject.Email!, $"{facts.Brand}: no role", $"{facts.Brand}: Brand Representative (case {number})", now,
                facts.Subject.SellerAccountId);
        }

        var email = EmailTemplates.Render("CaseDecided", new Dictionary<string, string>
        {
            ["CaseNumber"] = number,
            ["Decision"] = approve ? "Approved" : "Rejected",
            ["BrandName"] = facts.Brand,
            ["SubjectEmail"] = facts.Subject.Email!,
            ["DecisionNote"] = string.IsNullOrEmpty(note) ? "(none)" : note,
            ["Consequence"] = approve
                ? $"{facts.Subject.Email} now holds the Brand Representative role for {facts.Brand}; it applies from their next page load."
                : "No role was granted. You can submit a new case with more information.",
            ["CasesLink"] = $"{portal.Value.BaseUrl.TrimEnd('/')}/BrandRegistry/Cases",
        });
        db.Enqueue(EmailKind.CaseDecided, $"case-{caseId}-decided", facts.Requester.Email!, facts.Requester.Email!, email, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return approve
            ? Outcome.DoneFormat($"Case {number} approved: {facts.Subject.Email} now represents {facts.Brand}. The requester is emailed.")
            : Outcome.DoneFormat($"Case {number} rejected. The requester is emailed with your note.");
    }

    public static string Number(long id) => $"BR-{id.ToString("D5", CultureInfo.InvariantCulture)}";

    private static Outcome AlreadyOpen(string subjectEmail, string brandName)
        => Outcome.RefusedFormat($"A case for {subjectEmail} and {brandName} is already open; Support will decide it.");

    private static Outcome AlreadyDecided(long caseId, CaseState state)
        => Outcome.ConflictFormat($"Case {Number(caseId)} was already decided ({state}); a case is decided only once. Nothing was changed.");

    private IQueryable<CaseRow> Project(IQueryable<BrandRegistryCase> cases) => cases.Select(c => new CaseRow(
        c.Id,
        db.Brands.Where(b => b.Id == c.BrandId).Select(b => b.Name).First(),
        db.Users.Where(u => u.Id == c.SubjectUserId).Select(u => u.Email!).First(),
        db.Users.Where(u => u.Id == c.SubjectUserId).Select(u => u.SellerAccount!.Name).First(),
        db.Users.Where(u => u.Id == c.RequesterUserId).Select(u => u.Email!).First(),
        c.Justification, c.State, c.DecisionNote,
        db.Users.Where(u => u.Id == c.DecidedByUserId).Select(u => u.Email).FirstOrDefault(),
        c.CreatedAt, c.DecidedAt));
}
