using System.Collections.Concurrent;
using BrandPortal.Core.Access;

namespace BrandPortal.Core.Reviews;

/// <summary>
/// The capped total of a filter, remembered for <see cref="Lifetime"/> so that paging through (and reloading) the same
/// filter does not count up to a thousand index entries on every request.
/// </summary>
/// <remarks>
/// Why a short time-to-live and not invalidation by writes: reviews arrive through the CLI import, the ingest API and
/// other portal instances, and contacts change the contact filters from any instance — none of which this process
/// sees. What the TTL costs is bounded and visible only in one number: the total may trail a write by up to
/// <see cref="Lifetime"/> (as if the page had been loaded that much earlier), while the cards, the cursor and every
/// eligibility decision are read fresh on each request. The key holds everything the count depends on — the seller
/// account (contact=sent|replied count its own contacts), the exact brands searched (a removed brand role changes the
/// key, so a revocation never shows a count that includes that brand) and every filter field except the cursor and the
/// sort (done and the assignee, "me" as the user's id, so two users' "assigned to me" never share a count), with the period by its name: "last 12 months" slides by at most the lifetime. A search is never cached here
/// (its count also decides the plan).
/// <para>
/// When an entry expires, the first request that finds it counts again; the requests that come while it counts keep
/// the expired total for up to <see cref="RefreshGrace"/> more. Without that, every connection that arrived in the
/// count's few milliseconds counted too: an agency of 500 brands under 32 connections counted 76 times in one
/// measured run, where one count per expiry would do. So the total trails a write by at most the lifetime plus that grace.
/// </para>
/// </remarks>
public sealed class ReviewCountCache(TimeSpan? lifetime = null)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(5);

    /// <summary>Beyond this many filters the cache is emptied: a bound on memory, not an eviction policy.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (int Total, DateTimeOffset Until)> _entries = new();

    public TimeSpan Lifetime { get; } = lifetime ?? DefaultLifetime;

    /// <summary>How long an expired total still answers while one request counts it again.</summary>
    public static readonly TimeSpan RefreshGrace = TimeSpan.FromSeconds(2);

    public static string Key(UserAccess user, long[] brands, ReviewFilter f)
        => string.Join('|', user.SellerAccountId ?? -1, string.Join(',', brands.Order()), string.Join(',', f.Stars), f.Period, f.From, f.To,
            f.Contact, f.Search, f.Done, f.Assignee, f.AssigneeFor(user.UserId), f.Topic);

    /// <summary>The remembered total, or null: nothing remembered, or expired and this caller is the one to count it again.</summary>
    public int? Get(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var e)) return null;
        if (e.Until > now) return e.Total;
        // Expired: one caller wins the swap and counts; the others see the grace's deadline and keep the old total.
        // Should the winner fail, the entry expires again after the grace and the next caller counts.
        return _entries.TryUpdate(key, (e.Total, now + RefreshGrace), e) ? null : Get(key, now);
    }

    public void Set(string key, int total, DateTimeOffset now)
    {
        if (Lifetime <= TimeSpan.Zero) return;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = (total, now + Lifetime);
    }
}
