using BrandPortal.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Delivers webhook events from this process every Webhooks:PollInterval; every instance may (claims never overlap).
/// Webhooks:Enabled=false leaves delivery to the other instances.
/// </summary>
public sealed class WebhookHostedService(WebhookDispatcher dispatcher, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookHostedService> logger) : PollingService(logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override string Name => "The webhook dispatcher (Webhooks:Enabled)";

    protected override Task RunOnceAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(ct);

    protected override Task WaitAsync(CancellationToken ct) => Task.Delay(options.Value.PollInterval, clock, ct);
}

/// <summary>Writes <c>thread.overdue</c> events every Webhooks:OverdueCheckInterval (one instance at a time checks).</summary>
public sealed class ThreadOverdueHostedService(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<ThreadOverdueHostedService> logger) : PollingService(logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override string Name => "The overdue conversation check (Webhooks:Enabled)";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ThreadOverdueCheck>().RunAsync(ct);
    }

    protected override Task WaitAsync(CancellationToken ct) => Task.Delay(options.Value.OverdueCheckInterval, clock, ct);
}
