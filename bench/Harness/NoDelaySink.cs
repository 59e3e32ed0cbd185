using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BrandPortal.Bench.Harness;

/// <summary>
/// The benchmark's SMTP sink: SmtpServer on loopback that counts and drops messages. Its accepted sockets set
/// TCP_NODELAY: SmtpServer's default listener leaves Nagle on, and Nagle against the client's delayed ACK costs
/// ~40 ms per message on loopback, which would measure the sink instead of the sender.
/// </summary>
public sealed class NoDelaySink
{
    private long _received;

    public long Received => Interlocked.Read(ref _received);

    public Task RunAsync(int port, CancellationToken ct)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("brandportal-bench-sink")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore(this));
        services.Add(new NoDelayListenerFactory());
        return new SmtpServer.SmtpServer(options, services).StartAsync(ct);
    }

    private sealed class CountingStore(NoDelaySink owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._received);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    /// <summary>
    /// Linux hands TCP_NODELAY of a listening socket down to every socket it accepts. SmtpServer keeps its
    /// TcpListener private, hence the reflection: acceptable in a benchmark tool, not in the product.
    /// </summary>
    private sealed class NoDelayListenerFactory : EndpointListenerFactory
    {
        public override IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = base.CreateListener(endpointDefinition);
            var field = listener.GetType().GetField("_tcpListener", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
                ?? throw new InvalidOperationException("SmtpServer's EndpointListener changed: no _tcpListener field.");
            ((TcpListener)field.GetValue(listener)!).Server.NoDelay = true;
            return listener;
        }
    }
}
