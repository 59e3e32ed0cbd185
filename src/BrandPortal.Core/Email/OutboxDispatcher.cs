using System.Net.Sockets;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BrandPortal.Core.Email;

/// <summary>
/// Delivers queued email. Each batch claims due rows with <c>FOR UPDATE SKIP LOCKED</c> and moves their
/// next_attempt_at forward by the lease, so concurrent dispatchers (several portal instances) never claim the same
/// row, and the rows of a dispatcher that died come back once the lease runs out. The batch goes out over one
/// SMTP connection. Transient failures (no connection, 4xx) are retried with exponential backoff and jitter;
/// permanent ones (5xx) are marked Failed with the server's reply. Every email carries its row's stable
/// Message-Id, so a rare resend after a crash is recognisable as the same message.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, SmtpConnector connector, IOptions<OutboxOptions> options,
    TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private OutboxOptions O => options.Value;

    /// <summary>Claims and sends one batch; returns how many rows were claimed (0 when nothing is due).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrandPortalDbContext>();
        var claimed = await ClaimAsync(db, ct);
        if (claimed.Count == 0) return 0;

        SmtpClient? client = null;
        try
        {
            try
            {
                client = await connector.ConnectAsync(ct);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                logger.LogWarning("SMTP server unreachable ({Error}); {Count} emails will be retried", ex.Message, claimed.Count);
                foreach (var row in claimed) await RetryLaterAsync(db, row, Describe(ex), ct);
                return claimed.Count;
            }

            for (var i = 0; i < claimed.Count; i++)
            {
                var row = claimed[i];
                try
                {
                    await client.SendAsync(Build(row), ct);
                    await db.OutboxEmails.Where(x => x.Id == row.Id && x.State == EmailState.Queued)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, EmailState.Sent)
                            .SetProperty(x => x.SentAt, clock.GetUtcNow()).SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
                    logger.LogInformation("Email {OutboxId} ({Kind}) sent", row.Id, row.Kind);
                }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
                {
                    await FailAsync(db, row, $"{(int)ex.StatusCode} {ex.Message}".Trim(), ct);
                }
                catch (SmtpCommandException ex)
                {
                    await RetryLaterAsync(db, row, $"{(int)ex.StatusCode} {ex.Message}".Trim(), ct);
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    // The connection is gone: this row and the rest of the batch wait for the next attempt.
                    logger.LogWarning("SMTP connection lost ({Error}); {Count} emails will be retried", ex.Message, claimed.Count - i);
                    for (var j = i; j < claimed.Count; j++) await RetryLaterAsync(db, claimed[j], Describe(ex), ct);
                    break;
                }
            }
            return claimed.Count;
        }
        finally
        {
            if (client is not null)
            {
                try { if (client.IsConnected) await client.DisconnectAsync(true, CancellationToken.None); }
                catch (Exception) { /* the server may already have closed the connection */ }
                client.Dispose();
            }
        }
    }

    /// <summary>Sends batches until nothing is due.</summary>
    public async Task DispatchDueAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && await DispatchBatchAsync(ct) >= O.BatchSize) { }
    }

    private async Task<List<OutboxEmail>> ClaimAsync(BrandPortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + O.Lease;
        var batch = O.BatchSize;
        // One statement: lock due rows nobody else holds, push them out of sight for the lease, count the attempt.
        return await db.OutboxEmails.FromSql($"""
            WITH due AS (
                SELECT id FROM outbox_emails
                WHERE state = 'Queued' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED)
            UPDATE outbox_emails o SET next_attempt_at = {leaseUntil}, attempts = o.attempts + 1
            FROM due WHERE o.id = due.id
            RETURNING o.*
            """).AsNoTracking().ToListAsync(ct);
    }

    private MimeMessage Build(OutboxEmail row)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(connector.Options.From));
        message.To.Add(new MailboxAddress(row.ToName, row.ToAddress));
        message.Subject = row.Subject;
        message.MessageId = row.MessageId;
        message.Date = row.CreatedAt;
        message.Body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody }.ToMessageBody();
        return message;
    }

    private async Task RetryLaterAsync(BrandPortalDbContext db, OutboxEmail row, string error, CancellationToken ct)
    {
        if (row.Attempts >= O.MaxAttempts)
        {
            await FailAsync(db, row, $"Gave up after {row.Attempts} attempts. Last error: {error}", ct);
            return;
        }
        var next = clock.GetUtcNow() + Backoff(row.Attempts);
        await db.OutboxEmails.Where(x => x.Id == row.Id && x.State == EmailState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextAttemptAt, next).SetProperty(x => x.LastError, Clip(error)), CancellationToken.None);
    }

    private async Task FailAsync(BrandPortalDbContext db, OutboxEmail row, string reason, CancellationToken ct)
    {
        logger.LogWarning("Email {OutboxId} ({Kind}) failed permanently: {Reason}", row.Id, row.Kind, reason);
        await db.OutboxEmails.Where(x => x.Id == row.Id && x.State == EmailState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, EmailState.Failed).SetProperty(x => x.LastError, Clip(reason)), CancellationToken.None);
    }

    /// <summary>base × 2^(attempt−1), capped, then ±20 % jitter so that retries of many rows do not arrive together.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 20);
        var ms = Math.Min(O.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), O.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static bool IsTransient(Exception ex) => ex is SocketException or IOException or TimeoutException
        or ServiceNotConnectedException or SmtpProtocolException or MailKit.Security.SslHandshakeException
        || (ex is OperationCanceledException && ex.InnerException is TimeoutException)
        || ex.InnerException is SocketException;

    private static string Describe(Exception ex) => ex.InnerException is SocketException se ? $"{ex.Message} ({se.SocketErrorCode})" : ex.Message;

    private static string Clip(string s) => s.Length > 1000 ? s[..1000] : s;
}
