namespace BrandPortal.Core.Data.Replicas;

/// <summary>
/// Whether the primary answered lately, as this process saw it. Only a portal with a read replica keeps it up to date
/// (<see cref="PrimaryWatch"/>); without one it always says "up" and the portal behaves as it always did during an
/// outage (503 "briefly unavailable"). While the primary is down, pages that only read are served by the standby and
/// writes are refused; one request every <see cref="Recheck"/> tries the primary again, so the portal returns to normal
/// by itself, without a restart and without every request paying for a failed connection attempt.
/// </summary>
public sealed class PrimaryStatus(TimeProvider clock)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(2);

    private long _downSince; // UTC ticks; 0 while the primary answers
    private long _lastTry;

    public bool IsDown => Volatile.Read(ref _downSince) != 0;

    public DateTimeOffset? DownSince => Volatile.Read(ref _downSince) is var t and not 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public void MarkDown()
    {
        var now = clock.GetUtcNow().UtcTicks;
        Interlocked.CompareExchange(ref _downSince, now, 0);
        Volatile.Write(ref _lastTry, now);
    }

    public void MarkUp()
    {
        if (Volatile.Read(ref _downSince) != 0) Volatile.Write(ref _downSince, 0);
    }

    /// <summary>True while the primary is up, and, while it is down, for one caller every <see cref="Recheck"/>.</summary>
    public bool ShouldTryPrimary()
    {
        if (!IsDown) return true;
        var last = Volatile.Read(ref _lastTry);
        var now = clock.GetUtcNow().UtcTicks;
        return now - last >= Recheck.Ticks && Interlocked.CompareExchange(ref _lastTry, now, last) == last;
    }
}
