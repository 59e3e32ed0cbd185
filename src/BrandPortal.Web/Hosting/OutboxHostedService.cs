using BrandPortal.Core.Email;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Runs the outbox dispatcher in the portal process: after every signal from a request that queued an email, and
/// otherwise every Outbox:PollInterval (retries fall due, and other instances' expired leases come back).
/// </summary>
public sealed class OutboxHostedService(OutboxDispatcher dispatcher, OutboxSignal signal, IOptions<OutboxOptions> options,
    ILogger<OutboxHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("The outbox dispatcher is disabled (Outbox:Enabled=false); another instance delivers email");
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Claimed rows come back when their lease ends; the loop must survive a database or SMTP outage.
                logger.LogError(ex, "The outbox dispatcher failed; it tries again at the next poll");
            }
            try { await signal.WaitAsync(options.Value.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
