using BrandPortal.Core.Alerts;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Builds due review alert digests every Alerts:Interval (Alerts:Enabled=false turns it off in this process). The
/// digests go to the outbox; the outbox dispatcher delivers them. A digest that failed recorded nothing and is built
/// again at the next tick.
/// </summary>
public sealed class ReviewAlertHostedService(IServiceScopeFactory scopes, IOptions<AlertOptions> options, TimeProvider clock,
    ILogger<ReviewAlertHostedService> logger) : PollingService(logger)
{
    // Ticks at a fixed cadence from start, whatever a run takes (Alerts:Interval is validated to be at least a second).
    private readonly PeriodicTimer _timer = new(options.Value.Interval, clock);

    protected override bool Enabled => options.Value.Enabled;

    protected override string Name => "Review alert digests (Alerts:Enabled)";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
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
