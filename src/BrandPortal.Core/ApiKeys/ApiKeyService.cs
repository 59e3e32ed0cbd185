using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.ApiKeys;

/// <summary>A key as lists show it: never the key itself, which is not stored.</summary>
public sealed record ApiKeyRow(long Id, ApiKeyKind Kind, string? Seller, string Name, string Prefix, IReadOnlyList<string> Scopes,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>Who an API request acts as: the key (by id and prefix), its kind, its account (account keys) and its scopes.</summary>
public sealed record ApiCaller(long KeyId, string Prefix, ApiKeyKind Kind, long? SellerAccountId, IReadOnlyList<string> Scopes);

/// <summary>What creating a key answered; <see cref="Key"/> is the only time the whole key is ever seen.</summary>
public sealed record ApiKeyCreation(Outcome Outcome, string? Key, string? Prefix);

/// <summary>
/// Makes, lists and revokes API keys. Account administrators manage their own account's keys, Support the platform
/// keys, the CLI either kind. Each creation and revocation is audited in the same transaction.
/// </summary>
public sealed class ApiKeyService(BrandPortalDbContext db, TimeProvider clock)
{
    private const int NameMaxLength = 100;

    /// <summary>A key for the user's own account (account administrators) or for the platform (Support).</summary>
    public Task<ApiKeyCreation> CreateAsync(UserAccess user, Actor actor, ApiKeyKind kind, string? name, IEnumerable<string?>? scopes,
        CancellationToken ct = default)
    {
        if (!MayManage(user, kind)) return Task.FromResult(new ApiKeyCreation(Outcome.Forbidden, null, null));
        return CreateCoreAsync(actor, kind, kind == ApiKeyKind.Account ? user.SellerAccountId : null, name, scopes, ct);
    }

    /// <summary>For scripts and first set-up: a platform key, or an account key for the seller with this external id.</summary>
    public async Task<ApiKeyCreation> CreateFromCommandLineAsync(Actor actor, ApiKeyKind kind, string? sellerExternalId, string? name,
        IEnumerable<string?>? scopes, CancellationToken ct = default)
    {
        long? accountId = null;
        if (kind == ApiKeyKind.Account)
        {
            accountId = await db.SellerAccounts.AsNoTracking().Where(a => a.ExternalId == sellerExternalId).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
            if (accountId is null)
                return new ApiKeyCreation(Outcome.RefusedFormat($"There is no seller account with the id \"{sellerExternalId}\"."), null, null);
        }
        return await CreateCoreAsync(actor, kind, accountId, name, scopes, ct);
    }

    private async Task<ApiKeyCreation> CreateCoreAsync(Actor actor, ApiKeyKind kind, long? accountId, string? name, IEnumerable<string?>? scopes,
        CancellationToken ct)
    {
        name = name?.Trim();
        var wanted = ApiScopes.Parse(scopes);
        var reasons = new List<OutcomeReason>();
        if (string.IsNullOrEmpty(name) || name.Length > NameMaxLength || name.Any(char.IsControl))
            reasons.Add(new("ApiKeyName", "Name", $"Give the key a name of 1 to {NameMaxLength} characters that says where it is used.", name));
        if (wanted.Count == 0)
            reasons.Add(new("ApiKeyScopes", "Scopes", $"Choose at least one scope: {string.Join(", ", ApiScopes.For(kind))}."));
        foreach (var scope in wanted.Where(s => !ApiScopes.For(kind).Contains(s)))
            reasons.Add(new("ApiKeyScope", "Scope", $"A {Kind(kind)} key cannot have the scope \"{scope}\"; it may have {string.Join(", ", ApiScopes.For(kind))}.", scope));
        if (reasons.Count > 0)
            return new ApiKeyCreation(Outcome.Refused("The key was not created.", reasons), null, null);

        var (key, prefix, hash) = ApiKeySecrets.NewKey();
        var now = clock.GetUtcNow();
        db.ApiKeys.Add(new ApiKey
        {
            Kind = kind, SellerAccountId = accountId, Name = name!, Prefix = prefix, SecretHash = hash, Scopes = wanted.ToList(),
            CreatedByUserId = actor.UserId, CreatedBy = actor.Label, CreatedAt = now,
        });
        db.Audit(actor, AuditActions.ApiKeyCreated, "ApiKey", prefix, null, $"{Kind(kind)} key \"{name}\": {string.Join(", ", wanted)}", now, accountId);
        await db.SaveChangesAsync(ct);
        return new ApiKeyCreation(Outcome.DoneFormat($"The key {prefix} was created. Copy it now: it is shown only this once."), key, prefix);
    }

    /// <summary>The user's account's keys (account administrators) or the platform keys (Support), newest first; null when not theirs to see.</summary>
    public async Task<IReadOnlyList<ApiKeyRow>?> ListAsync(UserAccess user, ApiKeyKind kind, CancellationToken ct = default)
    {
        if (!MayManage(user, kind)) return null;
        var accountId = kind == ApiKeyKind.Account ? user.SellerAccountId : null;
        return await Rows(db.ApiKeys.Where(k => k.Kind == kind && k.SellerAccountId == accountId), ct);
    }

    /// <summary>Every key of every kind: for the CLI, run by whoever operates the database.</summary>
    public Task<IReadOnlyList<ApiKeyRow>> ListAllAsync(CancellationToken ct = default) => Rows(db.ApiKeys, ct);

    public async Task<Outcome> RevokeAsync(UserAccess user, Actor actor, ApiKeyKind kind, long id, CancellationToken ct = default)
    {
        if (!MayManage(user, kind)) return Outcome.Forbidden;
        var accountId = kind == ApiKeyKind.Account ? user.SellerAccountId : null;
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.Kind == kind && k.SellerAccountId == accountId, ct);
        return key is null ? Outcome.NotFound : await RevokeAsync(actor, key, ct);
    }

    public async Task<Outcome> RevokeByPrefixAsync(Actor actor, string? prefix, CancellationToken ct = default)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
        return key is null ? Outcome.NotFound : await RevokeAsync(actor, key, ct);
    }

    private async Task<Outcome> RevokeAsync(Actor actor, ApiKey key, CancellationToken ct)
    {
        // Revoking twice is not an error (a double click): the first time counts.
        if (key.RevokedAt is not null) return Outcome.DoneFormat($"The key {key.Prefix} was already revoked.");
        var now = clock.GetUtcNow();
        key.RevokedAt = now;
        db.Audit(actor, AuditActions.ApiKeyRevoked, "ApiKey", key.Prefix, $"{Kind(key.Kind)} key \"{key.Name}\"", "revoked", now, key.SellerAccountId);
        await db.SaveChangesAsync(ct);
        return Outcome.DoneFormat($"The key {key.Prefix} was revoked: requests with it are refused from now on.");
    }

    /// <summary>
    /// The caller a key stands for, or null for a malformed, unknown or revoked key. Read from the database on every
    /// request (one indexed lookup), so that a revocation applies to the very next request. The last-use time is
    /// written at most once a minute per key, by one UPDATE that only matches when it is older: cheap under load.
    /// </summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? key, CancellationToken ct = default)
    {
        if (ApiKeySecrets.PrefixOf(key) is not { } prefix) return null;
        var row = await db.ApiKeys.AsNoTracking().Where(k => k.Prefix == prefix && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Kind, k.SellerAccountId, k.Scopes, k.SecretHash, k.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (row is null || !ApiKeySecrets.Matches(key!, row.SecretHash)) return null;
        var now = clock.GetUtcNow();
        var staleBefore = now - LastUseResolution;
        if (row.LastUsedAt is null || row.LastUsedAt < staleBefore)
            await db.ApiKeys.Where(k => k.Id == row.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        return new ApiCaller(row.Id, prefix, row.Kind, row.SellerAccountId, row.Scopes);
    }

    /// <summary>How stale the shown last use may be: one write per key per minute, however busy the key.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private static bool MayManage(UserAccess user, ApiKeyKind kind)
        => kind == ApiKeyKind.Platform ? user.IsSupport : user.ManagesUsers && user.SellerAccountId is not null;

    private static string Kind(ApiKeyKind kind) => kind == ApiKeyKind.Account ? "account" : "platform";

    private async Task<IReadOnlyList<ApiKeyRow>> Rows(IQueryable<ApiKey> keys, CancellationToken ct)
        => await keys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Kind,
                db.SellerAccounts.Where(a => a.Id == k.SellerAccountId).Select(a => a.ExternalId).FirstOrDefault(),
                k.Name, k.Prefix, k.Scopes, k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(ct);
}
