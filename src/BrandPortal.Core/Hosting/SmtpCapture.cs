using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BrandPortal.Core.Hosting;

/// <summary>
/// A real SMTP server on 127.0.0.1 that keeps every message it receives. The development portal uses it as its
/// mail sink (shown at /Dev/Mail); the tests and the benchmark deliver to it over real SMTP.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly ConcurrentQueue<CapturedEmail> _messages = new();
    private CancellationTokenSource? _stop;
    private SmtpServer.SmtpServer? _server;
    private volatile SmtpResponse? _reject;
    private volatile bool _stopping;
    private int _inData;
    private readonly ConcurrentDictionary<ISessionContext, byte> _dataSessions = new();

    private void LeftData(ISessionContext context)
    {
        if (_dataSessions.TryRemove(context, out _)) Interlocked.Decrement(ref _inData);
    }

    private SmtpCapture(int port) => Port = port;

    public int Port { get; }
    public string Host => "127.0.0.1";
    public IReadOnlyCollection<CapturedEmail> Messages => _messages;
    public bool IsRunning => _server is not null;

    /// <summary>How long each message takes to be accepted: a slow mail server, so that tests can stop things mid-send.</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<SmtpCapture> StartAsync(int? port = null)
    {
        var capture = new SmtpCapture(port ?? LocalPostgres.FreePort());
        await capture.StartAsync();
        return capture;
    }

    /// <summary>(Re)opens the listening socket.</summary>
    public async Task StartAsync()
    {
        if (_server is not null) return;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("brandportal-capture")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .MaxMessageSize(25 * 1024 * 1024)
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add((IMailboxFilter)new StoppingFilter(this));
        services.Add(new NoDelayListenerFactory());
        _stop = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        // Counts sessions between DATA and its answer: stopping waits for them (see StopAsync).
        _server.SessionCreated += (_, e) =>
        {
            e.Context.CommandExecuting += (_, c) => { if (c.Command is DataCommand && _dataSessions.TryAdd(c.Context, 0)) Interlocked.Increment(ref _inData); };
            e.Context.CommandExecuted += (_, c) => { if (c.Command is DataCommand) LeftData(c.Context); };
        };
        _server.SessionCompleted += (_, e) => LeftData(e.Context);
        _server.SessionFaulted += (_, e) => LeftData(e.Context);
        _server.SessionCancelled += (_, e) => LeftData(e.Context);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            try
            {
                var run = _server.StartAsync(_stop.Token);
                started.TrySetResult();
                await run;
            }
            catch (OperationCanceledException) { }
            catch (Exception ex) { started.TrySetException(ex); }
        });
        await started.Task;
        // The listener binds asynchronously: wait until it accepts connections.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) { await Task.Delay(20); }
        }
        throw new InvalidOperationException($"The SMTP capture did not start on port {Port}.");
    }

    /// <summary>Closes the listening socket and open sessions, as an SMTP server that went down.</summary>
    public async Task StopAsync()
    {
        if (_server is null) return;
        var server = _server;
        // A server going down answers a message it has not kept with 421 (try again later), as real servers do, rather
        // than with the library's 554 for a failed transaction, which a sender rightly takes as final.
        _stopping = true;
        // Transfers already under way reach the store and get that 421 before the sessions are cancelled: cancelling
        // a session in the middle of DATA makes the library answer 554. A fixed pause was not always enough on a
        // loaded machine; wait until no session has been in DATA for two looks in a row (at most 5 s).
        await Task.Delay(100);
        var quiet = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(5); quiet < 2 && DateTime.UtcNow < deadline; await Task.Delay(50))
            quiet = Volatile.Read(ref _inData) == 0 ? quiet + 1 : 0;
        _stop?.Cancel();
        _server = null;
        try { await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* already stopped */ }
        _stopping = false;
    }

    /// <summary>Makes every following DATA answer with the given SMTP reply (e.g. 550 or 451); null accepts again.</summary>
    public void Reject(int? code, string message = "rejected by test")
        => _reject = code is null ? null : new SmtpResponse((SmtpReplyCode)code.Value, message);

    public void Clear() => _messages.Clear();

    public async Task<IReadOnlyList<CapturedEmail>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_messages.Count < count && DateTime.UtcNow < deadline) await Task.Delay(25);
        return _messages.ToList();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// While stopping, a new transaction is refused at MAIL FROM with 421 (try again later): a sender streaming a batch
    /// would otherwise start another DATA right away, and the sessions could never be closed between two messages.
    /// </summary>
    private sealed class StoppingFilter(SmtpCapture owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, SmtpServer.Mail.IMailbox from, int size, CancellationToken cancellationToken)
            => owner._stopping ? throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "shutting down"), true) : Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken)
            => Task.FromResult(true);
    }

    private sealed class Store(SmtpCapture owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner._reject is { } reject) return reject;
            if (owner._stopping || cancellationToken.IsCancellationRequested)
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "shutting down");
            var raw = buffer.ToArray();
            // The message is kept once its data has arrived, even if the sender is gone before the reply: as a real
            // server that has accepted it, which is how a crash mid-send can cause a duplicate.
            if (owner.Delay > TimeSpan.Zero) await Task.Delay(owner.Delay, CancellationToken.None);
            owner._messages.Enqueue(new CapturedEmail(raw, DateTimeOffset.UtcNow, transaction.To.Select(t => $"{t.User}@{t.Host}").ToList()));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>
/// Sets TCP_NODELAY on the listening socket (Linux hands it to every accepted socket): with Nagle on, the client's
/// delayed ACK costs ~40 ms per message on loopback. SmtpServer keeps its listener private; when its shape changes,
/// the capture still works, only slower.
/// </summary>
internal sealed class NoDelayListenerFactory : SmtpServer.Net.EndpointListenerFactory
{
    public override SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = base.CreateListener(endpointDefinition);
        var field = listener.GetType().GetField("_tcpListener", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
        if (field?.GetValue(listener) is System.Net.Sockets.TcpListener tcp) tcp.Server.NoDelay = true;
        return listener;
    }
}

public sealed class CapturedEmail(byte[] raw, DateTimeOffset receivedAt, IReadOnlyList<string> recipients)
{
    private MimeMessage? _message;

    public byte[] Raw { get; } = raw;
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
    public IReadOnlyList<string> Recipients { get; } = recipients;

    public MimeMessage Message
    {
        get
        {
            if (_message is null)
            {
                using var stream = new MemoryStream(Raw);
                _message = MimeMessage.Load(stream);
            }
            return _message;
        }
    }
}
