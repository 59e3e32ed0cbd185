using BrandPortal.Core.Alerts;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Builds due review alert digests every Alerts:Interval (Alerts:Enabled=false turns it off in this process). The
/// digests go to the outbox; the outbox dispatcher delivers them.
/// </summary>
public sealed class ReviewAlertHostedService(IServiceScopeFactory scopes, IOptions<AlertOptions> options, TimeProvider clock,
    ILogger<ReviewAlertHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Review alert digests are disabled (Alerts:Enabled=false)");
            return;
        }
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReviewDigestService>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database outage must not end the loop; nothing was recorded for a digest that failed.
                logger.LogError(ex, "Building review digests failed; trying again at the next interval");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
