using BrandPortal.Core.Email;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Runs the outbox dispatcher in the portal process: after every signal from a request that queued an email, and
/// otherwise every Outbox:PollInterval (retries fall due, and other instances' expired leases come back).
/// Outbox:Enabled=false leaves email to another instance.
/// </summary>
public sealed class OutboxHostedService(OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<OutboxOptions> options,
    ILogger<OutboxHostedService> logger) : PollingService(logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override string Name => "The outbox dispatcher (Outbox:Enabled)";

    protected override Task RunOnceAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(ct);

    protected override Task WaitAsync(CancellationToken ct) => signal.WaitAsync(options.Value.PollInterval, ct);
}
