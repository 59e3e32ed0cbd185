using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BrandPortal.Core.Webhooks;

public static partial class WebhookEventWriter
{
    /// <summary>
    /// Writes the events (and their deliveries) at once, with one binary COPY per table, inside the caller's open
    /// transaction: the rows are exactly those <see cref="AddManyAsync"/> would add, without a tracked INSERT per row. For
    /// the large batches of an import (a marketplace's steady stream of critical reviews); nothing is added to the context.
    /// </summary>
    public static async Task CopyManyAsync(BrandPortalDbContext db, IReadOnlyCollection<PendingWebhookEvent> pending, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Events are written by COPY only inside the transaction of their cause.");
        var planned = await PlanAsync(db, pending, ct);
        if (planned.Count == 0) return;
        var ids = await TableIds.NextAsync(db, "webhook_events", planned.Count, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY webhook_events (id, message_id, type, seller_account_id, contact_id, review_id, data, occurred_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < planned.Count; i++)
            {
                var e = planned[i].Event;
                e.Id = ids[i];
                await w.StartRowAsync(ct);
                await w.WriteAsync(e.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(e.MessageId, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(e.Type, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(w, e.SellerAccountId, ct);
                await WriteNullableAsync(w, e.ContactId, ct);
                await WriteNullableAsync(w, e.ReviewId, ct);
                await w.WriteAsync(e.Data, NpgsqlDbType.Jsonb, ct);
                await w.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
        if (planned.All(p => p.SubscriptionIds.Count == 0)) return;
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY webhook_deliveries (event_id, subscription_id, state, attempts, created_at, next_attempt_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (e, subscriptionIds) in planned)
                foreach (var subscriptionId in subscriptionIds)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(e.Id, NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(subscriptionId, NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(nameof(WebhookDeliveryState.Pending), NpgsqlDbType.Varchar, ct);
                    await w.WriteAsync(0, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                    await w.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                }
            await w.CompleteAsync(ct);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter w, long? value, CancellationToken ct)
    {
        if (value is { } v) await w.WriteAsync(v, NpgsqlDbType.Bigint, ct);
        else await w.WriteNullAsync(ct);
    }
}
