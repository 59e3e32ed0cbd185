using System.Collections.Concurrent;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Npgsql;

namespace BrandPortal.Core.Access;

/// <summary>
/// Brand names for the per-request access read, kept for one value of the database's brand_names_version counter
/// (bumped in the same transaction as any rename, by a trigger on brands). The access read still reads the user's
/// brand roles on every request — a revoked role applies to the next request — but returns the counter instead of
/// joining each represented brand's name: for an agency of 500 brands that join was most of the read's time, and
/// 500 names parsed on every request. A renamed brand moves the counter, so the next request reads the names again.
/// One instance per database (a singleton of the host): ids and the counter mean nothing across databases.
/// </summary>
public sealed class BrandNameCache
{
    /// <summary>Users whose sorted grants are remembered; beyond it the memo starts over (it is only a shortcut).</summary>
    private const int MaxUsers = 10_000;

    private sealed record Names(long Version, ConcurrentDictionary<long, string> ById);

    /// <summary>A user's grants as last built: reused while the version, the ids and the roles are the same, in the same order.</summary>
    private sealed record Built(long Version, long[] Ids, string[] Roles, IReadOnlyList<BrandRoleGrant> Grants);

    private volatile Names names = new(-1, new());
    private readonly ConcurrentDictionary<long, Built> byUser = new();

    /// <summary>
    /// The user's brand roles with their names, sorted by name (ordinal, case-insensitive) then id. Names missing from
    /// the cache are read from <paramref name="db"/> — the same server the version came from, so never older than it.
    /// </summary>
    public async Task<IReadOnlyList<BrandRoleGrant>> GrantsAsync(BrandPortalDbContext db, long userId, long version, long[] ids, string[] roles, CancellationToken ct)
    {
        if (byUser.TryGetValue(userId, out var built) && built.Version == version
            && built.Ids.AsSpan().SequenceEqual(ids) && built.Roles.AsSpan().SequenceEqual(roles))
            return built.Grants;

        var current = names;
        if (current.Version != version) names = current = new Names(version, new ConcurrentDictionary<long, string>());
        var missing = ids.Where(id => !current.ById.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length > 0)
        {
            var read = await DirectQuery.ListAsync(db, "SELECT id, name FROM brands WHERE id = ANY($1)",
                [new NpgsqlParameter<long[]> { TypedValue = missing }], static r => (Id: r.GetInt64(0), Name: r.GetString(1)), ct);
            foreach (var (id, name) in read) current.ById[id] = name;
        }

        var grants = new List<BrandRoleGrant>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
            if (current.ById.TryGetValue(ids[i], out var name)) // a brand deleted since the roles were read has no name and no role
                grants.Add(new BrandRoleGrant(ids[i], name, Enum.Parse<BrandRole>(roles[i])));
        // Ordinal, case-insensitive: the culture's comparer cost an agency of 500 brands thousands of linguistic
        // comparisons, for an order that only has to be alphabetical and stable.
        IReadOnlyList<BrandRoleGrant> sorted = grants.OrderBy(b => b.BrandName, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.BrandId).ToList().AsReadOnly();
        if (byUser.Count >= MaxUsers) byUser.Clear();
        byUser[userId] = new Built(version, ids, roles, sorted);
        return sorted;
    }
}
