using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Api;

public enum IdempotencyState
{
    /// <summary>The first use of the key: the caller runs the request and then completes or abandons the record.</summary>
    Started,
    /// <summary>The same request came before and was answered: replay <see cref="IdempotencyBegin.Answer"/>.</summary>
    Replay,
    /// <summary>The key was used with another request (method, path or body).</summary>
    Mismatch,
    /// <summary>The first request with the key is still running.</summary>
    InProgress,
}

public sealed record IdempotencyBegin(IdempotencyState State, long RecordId = 0, ApiIdempotencyRecord? Answer = null);

/// <summary>
/// <c>Idempotency-Key</c> records, as Stripe keeps them: per API key, the first answer to a request is kept for 24 hours
/// and replayed to repeats of the same request; the key on another request is refused. A record is claimed first
/// (its unique index decides between two concurrent first uses), with a short lease so that a process that died
/// mid-request does not block the key for a day; the answer then extends it to 24 hours.
/// </summary>
public sealed class ApiIdempotencyStore(BrandPortalDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan RunningLease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(1);
    private static long _nextPurgeTicks;

    public async Task<IdempotencyBegin> BeginAsync(long apiKeyId, string key, string request, byte[] requestHash, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await PurgeExpiredAsync(now, ct);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var claimed = await db.Database.SqlQuery<long>($"""
                INSERT INTO api_idempotency_records (api_key_id, idempotency_key, request, request_hash, status_code, content_type, response_body, created_at, expires_at)
                VALUES ({apiKeyId}, {key}, {request}, {requestHash}, 0, '', '', {now}, {now + RunningLease})
                ON CONFLICT (api_key_id, idempotency_key) DO NOTHING RETURNING id AS "Value"
                """).ToListAsync(ct);
            if (claimed.Count == 1) return new(IdempotencyState.Started, claimed[0]);

            var existing = await db.ApiIdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.IdempotencyKey == key, ct);
            if (existing is null) continue; // abandoned between the two statements: claim it again
            if (existing.ExpiresAt <= now)
            {
                await db.ApiIdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(ct);
                continue;
            }
            if (existing.Request != request || !existing.RequestHash.AsSpan().SequenceEqual(requestHash)) return new(IdempotencyState.Mismatch);
            return existing.StatusCode == 0 ? new(IdempotencyState.InProgress) : new(IdempotencyState.Replay, existing.Id, existing);
        }
        return new(IdempotencyState.InProgress);
    }

    /// <summary>Keeps the answer for replays until 24 hours after the first request.</summary>
    public Task CompleteAsync(long recordId, int statusCode, string contentType, string body, string? location, CancellationToken ct = default)
        => db.ApiIdempotencyRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ContentType, contentType).SetProperty(r => r.ResponseBody, body)
            .SetProperty(r => r.Location, location).SetProperty(r => r.ExpiresAt, r => r.CreatedAt + Lifetime), ct);

    /// <summary>Forgets a request that was refused or failed, so that the key may be used again (a corrected retry).</summary>
    public Task AbandonAsync(long recordId, CancellationToken ct = default)
        => db.ApiIdempotencyRecords.Where(r => r.Id == recordId && r.StatusCode == 0).ExecuteDeleteAsync(ct);

    /// <summary>Expired records are removed in passing, at most once a minute per process (one indexed delete).</summary>
    private async Task PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var next = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeEvery).UtcTicks, next) != next) return;
        await db.ApiIdempotencyRecords.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }
}
