namespace BrandPortal.Web.Hosting;

/// <summary>
/// The loop of a background job in the portal process: run once, wait, run again, until shutdown. A failed run is
/// logged and the loop goes on (a database or network outage must not end it); the job's own state (leases,
/// locks) makes a run that died harmless.
/// </summary>
public abstract class PollingService(ILogger logger) : BackgroundService
{
    /// <summary>False: the job does not run in this process (another instance runs it).</summary>
    protected abstract bool Enabled { get; }

    /// <summary>For the log: what this job is.</summary>
    protected abstract string Name { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    /// <summary>Returns when the next run is due.</summary>
    protected abstract Task WaitAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            logger.LogInformation("{Job} is disabled in this process", Name);
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Job} failed; it tries again at the next poll", Name);
            }
            try { await WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
