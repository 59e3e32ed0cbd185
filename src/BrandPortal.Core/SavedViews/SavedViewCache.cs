using System.Collections.Concurrent;

namespace BrandPortal.Core.SavedViews;

/// <summary>A stored view as read for one user, before it is parsed again for them.</summary>
public sealed record SavedViewRow(long Id, string Name, bool Shared, long OwnerUserId, string OwnerEmail, string Query);

/// <summary>
/// The views Customer Reviews' filter panel lists, remembered per user for <see cref="Lifetime"/>, so that the list page
/// keeps its budget of statements (the access and the page) on every request, paging included.
/// </summary>
/// <remarks>
/// Only the rows are kept: what the user may do with them and what their filters mean for the user's brands are worked
/// out on each request from the access read fresh, so a permission or brand role taken away counts at once. A change
/// made through this process (save, rename, delete) invalidates the whole account at once, since shared views show to
/// every user of it; a change made by another portal instance shows in the panel within <see cref="Lifetime"/>. The
/// Views page always reads fresh.
/// </remarks>
public sealed class SavedViewCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>Beyond this many users the cache is emptied: a bound on memory, not an eviction policy.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<long, long> _versions = new();
    private readonly ConcurrentDictionary<long, (long Account, long Version, DateTimeOffset Until, IReadOnlyList<SavedViewRow> Rows)> _entries = new();

    /// <summary>The account's version now: read before loading, so that a change during the load is not cached over.</summary>
    public long Version(long account) => _versions.GetValueOrDefault(account);

    public IReadOnlyList<SavedViewRow>? Get(long account, long user, DateTimeOffset now)
        => _entries.TryGetValue(user, out var e) && e.Account == account && e.Version == Version(account) && e.Until > now ? e.Rows : null;

    public void Set(long account, long user, long version, IReadOnlyList<SavedViewRow> rows, DateTimeOffset now)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[user] = (account, version, now + Lifetime, rows);
    }

    public void Changed(long account) => _versions.AddOrUpdate(account, 1, (_, v) => v + 1);
}
