using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Support;

public sealed record SupportAccount(long Id, string ExternalId, string Name, SellerPlan Plan, AccountStanding Standing, IReadOnlyList<string> Brands, int Users);

public sealed record SupportBrand(long Id, string ExternalId, string Name, bool Registered, IReadOnlyList<long> SellerAccountIds);

/// <summary>
/// Brand Registry Support's tools: a seller account's plan and standing, a brand's registration and its seller
/// associations. Eligibility and access read these live, so a change applies to everyone's next request.
/// </summary>
public sealed class SupportService(BrandPortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<SupportAccount>> AccountsAsync(CancellationToken ct = default)
    {
        var rows = await db.SellerAccounts.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new
            {
                a.Id, a.ExternalId, a.Name, a.Plan, a.Standing,
                Brands = a.Brands.Select(b => b.Brand!.Name).ToList(),
                Users = db.Users.Count(u => u.SellerAccountId == a.Id),
            })
            .ToListAsync(ct);
        return rows.Select(a => new SupportAccount(a.Id, a.ExternalId, a.Name, a.Plan, a.Standing, a.Brands.Order().ToList(), a.Users)).ToList();
    }

    public async Task<IReadOnlyList<SupportBrand>> BrandsAsync(CancellationToken ct = default)
    {
        var rows = await db.Brands.AsNoTracking().OrderBy(b => b.Name)
            .Select(b => new { b.Id, b.ExternalId, b.Name, b.Registered, Sellers = b.Sellers.Select(s => s.SellerAccountId).ToList() })
            .ToListAsync(ct);
        return rows.Select(b => new SupportBrand(b.Id, b.ExternalId, b.Name, b.Registered, b.Sellers)).ToList();
    }

    public async Task<Outcome> SetAccountAsync(UserAccess support, Actor actor, long accountId, SellerPlan? plan, AccountStanding? standing,
        CancellationToken ct = default)
    {
        if (!support.IsSupport) return Outcome.Forbidden;
        if (plan is null || standing is null || !Enum.IsDefined(plan.Value) || !Enum.IsDefined(standing.Value))
            return Outcome.Refused("Choose a plan (Professional or Individual) and a standing (Good, At risk or Deactivated).");
        var account = await db.SellerAccounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return Outcome.NotFound;

        var now = clock.GetUtcNow();
        if (account.Plan != plan)
            db.Audit(actor, AuditActions.PlanChanged, "SellerAccount", account.Name, $"plan {account.Plan}", $"plan {plan}", now, account.Id);
        if (account.Standing != standing)
            db.Audit(actor, AuditActions.StandingChanged, "SellerAccount", account.Name, $"standing {account.Standing}", $"standing {standing}", now, account.Id);
        if (account.Plan == plan && account.Standing == standing) return Outcome.DoneFormat($"{account.Name} already had this plan and standing; nothing changed.");
        account.Plan = plan.Value;
        account.Standing = standing.Value;
        // The entity and its audit entries are written by one SaveChanges, which is one transaction.
        await db.SaveChangesAsync(ct);
        return Outcome.DoneFormat($"{account.Name} is now {plan} in {Describe(standing.Value)} standing. Eligibility uses it from the next request.");
    }

    public async Task<Outcome> SetBrandAsync(UserAccess support, Actor actor, long brandId, bool registered, IReadOnlyCollection<long> sellerAccountIds,
        CancellationToken ct = default)
    {
        if (!support.IsSupport) return Outcome.Forbidden;
        var brand = await db.Brands.Include(b => b.Sellers).FirstOrDefaultAsync(b => b.Id == brandId, ct);
        if (brand is null) return Outcome.NotFound;
        var wanted = sellerAccountIds.Distinct().ToHashSet();
        var names = await db.SellerAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        if (wanted.Any(id => !names.ContainsKey(id))) return Outcome.Refused("One of the chosen seller accounts does not exist. Reload the page and try again.");

        var current = brand.Sellers.Select(s => s.SellerAccountId).ToHashSet();
        if (brand.Registered == registered && current.SetEquals(wanted))
            return Outcome.DoneFormat($"{brand.Name} already had these settings; nothing changed.");

        string Describe(bool reg, IEnumerable<long> ids) =>
            $"registered {(reg ? "yes" : "no")}; sellers {(ids.Any() ? string.Join(", ", ids.Select(id => names[id]).Order()) : "none")}";
        var before = Describe(brand.Registered, current);
        brand.Registered = registered;
        brand.Sellers.RemoveAll(s => !wanted.Contains(s.SellerAccountId));
        foreach (var id in wanted.Where(id => !current.Contains(id)))
            brand.Sellers.Add(new BrandSeller { BrandId = brand.Id, SellerAccountId = id });
        var after = Describe(registered, wanted);
        var now = clock.GetUtcNow();
        // One entry per seller account touched, so that each account's administrators see changes that concern them.
        foreach (var accountId in current.Union(wanted).Select(id => (long?)id).DefaultIfEmpty(null))
            db.Audit(actor, AuditActions.BrandChanged, "Brand", brand.Name, before, after, now, accountId);
        await db.SaveChangesAsync(ct);
        // The same words as the audit entry, with the yes/no/none as values the portal can translate.
        var sellers = wanted.Select(id => names[id]).Order().ToList();
        var yesOrNo = registered ? "yes" : "no";
        return sellers.Count > 0
            ? Outcome.DoneFormat($"{brand.Name} saved: registered {yesOrNo}; sellers {string.Join(", ", sellers)}. Eligibility uses it from the next request.")
            : Outcome.DoneFormat($"{brand.Name} saved: registered {yesOrNo}; sellers none. Eligibility uses it from the next request.");
    }

    public static string Describe(AccountStanding standing) => standing switch
    {
        AccountStanding.AtRisk => "at-risk",
        AccountStanding.Deactivated => "deactivated",
        _ => "good",
    };
}
