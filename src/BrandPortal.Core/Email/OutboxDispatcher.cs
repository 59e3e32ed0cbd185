using System.Net.Sockets;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Telemetry;
using BrandPortal.Core.Webhooks;
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
    TimeProvider clock, ILogger<OutboxDispatcher> logger, BrandPortalMetrics? metrics = null)
{
    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly SmtpConnector _connector = connector;
    private readonly ILogger<OutboxDispatcher> _logger = logger;
    private readonly BrandPortalMetrics? _metrics = metrics; // absent where tests build a dispatcher by hand

    private OutboxOptions O => options.Value;

    /// <summary>Claims and sends one batch over its own connection; returns how many rows were claimed (0 when nothing is due).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var session = new Session(this, ct);
        return await session.SendBatchAsync();
    }

    /// <summary>
    /// Sends batches until nothing is due, over <see cref="OutboxOptions.Connections"/> SMTP connections at once (one by
    /// default), each kept open while there is work. Sending is bound by the SMTP server's replies (a profile of one
    /// connection shows the dispatcher waiting on them, its own CPU a few percent), so a further connection sends while
    /// the first waits; the claims (<c>SKIP LOCKED</c>) keep their batches apart as they do for several portal instances.
    /// </summary>
    public async Task DispatchDueAsync(CancellationToken ct)
    {
        await using var first = new Session(this, ct);
        // One batch first: a quiet outbox (the usual poll) costs one claim and no extra connection.
        if (await first.SendBatchAsync() < O.BatchSize) return;
        await Task.WhenAll(Enumerable.Range(0, O.Connections).Select(async i =>
        {
            if (i == 0)
            {
                await DrainAsync(first);
                return;
            }
            await using var session = new Session(this, ct);
            await DrainAsync(session);
        }));

        async Task DrainAsync(Session session)
        {
            while (!ct.IsCancellationRequested && await session.SendBatchAsync() >= O.BatchSize) { }
        }
    }

    /// <summary>
    /// One dispatcher run: a database context and, once there is something to send, one SMTP connection. Rows that
    /// went out are marked Sent together, one UPDATE per group of 50 rather than one per email, on a second context
    /// while the next group goes out: the SMTP connection does not wait for the commit (a profile of a fresh portal put
    /// ~10 ms per inline mark, and the first mark's ~0.5 s of start-up, between two sends). At most one mark is in
    /// flight, and the batch's last one is awaited before the next claim, so a crash resends only emails of the batch
    /// it interrupted (sent, not yet marked), with the same Message-Id.
    /// </summary>
    private sealed class Session(OutboxDispatcher owner, CancellationToken ct) : IAsyncDisposable
    {
        private const int MarkEvery = 50;

        private readonly AsyncServiceScope _scope = owner._scopes.CreateAsyncScope();
        private AsyncServiceScope? _markScope;
        private SmtpClient? _client;
        private Task _marking = Task.CompletedTask;

        private BrandPortalDbContext Db => _scope.ServiceProvider.GetRequiredService<BrandPortalDbContext>();

        /// <summary>The context of the marks: its own connection, so a mark runs while the claim's context is in use.</summary>
        private BrandPortalDbContext MarkDb => (_markScope ??= owner._scopes.CreateAsyncScope()).ServiceProvider.GetRequiredService<BrandPortalDbContext>();

        /// <summary>Starts marking a group without waiting for it, once the previous group's mark has finished.</summary>
        private async Task MarkInBackgroundAsync(List<long> sent)
        {
            await _marking;
            _marking = owner.MarkSentAsync(MarkDb, sent.ToArray());
            sent.Clear();
        }

        public async Task<int> SendBatchAsync()
        {
            var claimed = await owner.ClaimAsync(Db, ct);
            if (claimed.Count == 0) return 0;
            if (_client is not { IsConnected: true })
            {
                _client?.Dispose();
                _client = null;
                try
                {
                    _client = await owner._connector.ConnectAsync(ct);
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    owner._logger.LogWarning("SMTP server unreachable ({Error}); {Count} emails will be retried", ex.Message, claimed.Count);
                    foreach (var row in claimed) await owner.RetryLaterAsync(Db, row, Describe(ex), ct);
                    return 0; // stop this run: the server is down
                }
            }

            var sent = new List<long>(MarkEvery);
            var total = 0;
            var lostConnection = false;
            try
            {
                for (var i = 0; i < claimed.Count; i++)
                {
                    var row = claimed[i];
                    try
                    {
                        await _client.SendAsync(owner.Build(row), ct);
                        sent.Add(row.Id);
                        owner._metrics?.EmailSent(row.Kind);
                        // Marked in groups: few commits, and a crash resends at most two groups (one being marked, one being sent).
                        if (sent.Count == MarkEvery)
                        {
                            total += sent.Count;
                            await MarkInBackgroundAsync(sent);
                        }
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
                    {
                        await owner.FailAsync(Db, row, $"{(int)ex.StatusCode} {ex.Message}".Trim(), ct);
                    }
                    catch (SmtpCommandException ex)
                    {
                        await owner.RetryLaterAsync(Db, row, $"{(int)ex.StatusCode} {ex.Message}".Trim(), ct);
                    }
                    catch (Exception ex) when (IsTransient(ex))
                    {
                        // The connection is gone: this row and the rest of the batch wait for the next attempt.
                        owner._logger.LogWarning("SMTP connection lost ({Error}); {Count} emails will be retried", ex.Message, claimed.Count - i);
                        for (var j = i; j < claimed.Count; j++) await owner.RetryLaterAsync(Db, claimed[j], Describe(ex), ct);
                        lostConnection = true;
                        break;
                    }
                }
            }
            finally
            {
                // Every mark of this batch is done before the method returns (and before the next claim).
                try { await _marking; }
                finally
                {
                    _marking = Task.CompletedTask;
                    total += sent.Count;
                    await owner.MarkSentAsync(MarkDb, sent.ToArray());
                }
            }
            if (total > 0) owner._logger.LogInformation("{Sent} of {Claimed} emails sent", total, claimed.Count);
            return lostConnection ? 0 : claimed.Count;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is not null)
            {
                try { if (_client.IsConnected) await _client.DisconnectAsync(true, CancellationToken.None); }
                catch (Exception) { /* the server may already have closed the connection */ }
                _client.Dispose();
            }
            await _scope.DisposeAsync();
            if (_markScope is { } marks) await marks.DisposeAsync();
        }
    }

    /// <summary>
    /// Marks sent rows Sent (only rows still Queued: a row another instance already marked is left as it is). Plain SQL:
    /// the LINQ ExecuteUpdate it replaces cost ~0.5 s of query translation on a fresh portal's first mark.
    /// </summary>
    private async Task MarkSentAsync(BrandPortalDbContext db, long[] ids)
    {
        if (ids.Length == 0) return;
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_emails SET state = 'Sent', sent_at = {now}, last_error = NULL
            WHERE id = ANY({ids}) AND state = 'Queued'
            """, CancellationToken.None);
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

    private sealed record Sender(string Text, MailboxAddress Address);

    private Sender? _from;

    /// <summary>The configured sender, parsed once per configured value rather than once per email (sessions share it: a reference swap).</summary>
    private MailboxAddress From()
    {
        var text = _connector.Options.From;
        var from = _from;
        if (from is null || from.Text != text) _from = from = new Sender(text, MailboxAddress.Parse(text));
        return (MailboxAddress)from.Address.Clone();
    }

    private MimeMessage Build(OutboxEmail row)
    {
        var message = new MimeMessage();
        message.From.Add(From());
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
        _metrics?.EmailRetried(row.Kind);
        var next = clock.GetUtcNow() + Backoff(row.Attempts);
        await db.OutboxEmails.Where(x => x.Id == row.Id && x.State == EmailState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextAttemptAt, next).SetProperty(x => x.LastError, Clip(error)), CancellationToken.None);
    }

    private async Task FailAsync(BrandPortalDbContext db, OutboxEmail row, string reason, CancellationToken ct)
    {
        _logger.LogWarning("Email {OutboxId} ({Kind}) failed permanently: {Reason}", row.Id, row.Kind, reason);
        _metrics?.EmailFailed(row.Kind);
        // A contact's email that is given up on is an event (contact.delivery_failed), written with the Failed state.
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var changed = await db.OutboxEmails.Where(x => x.Id == row.Id && x.State == EmailState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, EmailState.Failed).SetProperty(x => x.LastError, Clip(reason)), CancellationToken.None);
        if (changed == 1 && row.ContactId is { } contactId && row.Kind is EmailKind.ContactCourtesyRefund or EmailKind.ContactCustomerSupport)
        {
            await ContactEvents.AddAsync(db, WebhookEventTypes.ContactDeliveryFailed, contactId, clock.GetUtcNow(), CancellationToken.None,
                data => data with { Error = Clip(reason) });
            await db.SaveChangesAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(CancellationToken.None);
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
