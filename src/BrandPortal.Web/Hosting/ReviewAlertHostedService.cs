using BrandPortal.Core.Alerts;
using BrandPortal.Core.Alerts.Conditions;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Builds due review alert digests every Alerts:Interval, and checks the condition alerts every
/// Alerts:ConditionCheckInterval (Alerts:Enabled=false turns both off in this process). Both go to the outbox; the
/// outbox dispatcher delivers them. A digest or a condition run that failed recorded nothing and is tried again.
/// </summary>
public sealed class ReviewAlertHostedService(IServiceScopeFactory scopes, IOptions<AlertOptions> options, TimeProvider clock,
    ILogger<ReviewAlertHostedService> logger) : PollingService(logger)
{
    // Ticks at a fixed cadence from start, whatever a run takes (Alerts:Interval is validated to be at least a second).
    private readonly PeriodicTimer _timer = new(options.Value.Interval, clock);
    private DateTimeOffset _conditionsDue = DateTimeOffset.MinValue;

    protected override bool Enabled => options.Value.Enabled;

    protected override string Name => "Review alert digests and condition alerts (Alerts:Enabled)";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (clock.GetUtcNow() >= _conditionsDue)
        {
            _conditionsDue = clock.GetUtcNow() + options.Value.ConditionCheckInterval;
            try
            {
                await scope.ServiceProvider.GetRequiredService<ConditionAlertService>().RunAsync(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The digests must not wait for a failing condition check: log it and build them anyway.
                logger.LogError(ex, "The condition alert check failed; it tries again in {Interval}", options.Value.ConditionCheckInterval);
            }
        }
        await scope.ServiceProvider.GetRequiredService<ReviewDigestService>().RunAsync(ct);
    }

    protected override async Task WaitAsync(CancellationToken ct)
    {
        if (!await _timer.WaitForNextTickAsync(ct)) throw new OperationCanceledException(ct);
    }

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }
}
