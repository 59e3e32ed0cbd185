using BrandPortal.Core.Data;
using BrandPortal.Core.Topics;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Recounts the topic statistics of the (product, month) groups that imports, API ingests and edits marked stale,
/// every Topics:RefreshInterval, in short transactions of <see cref="TopicIndex.BackgroundGroupsPerBatch"/> groups.
/// When another instance's refresh holds the lock, this one waits for the next interval. Topics:RefreshEnabled=false
/// leaves the recount to another instance.
/// </summary>
public sealed class TopicRefreshHostedService(IServiceScopeFactory scopes, IOptions<TopicOptions> options, TimeProvider clock,
    ILogger<TopicRefreshHostedService> logger) : PollingService(logger)
{
    protected override bool Enabled => options.Value.RefreshEnabled;

    protected override string Name => "The topic statistics refresh (Topics:RefreshEnabled)";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrandPortalDbContext>();
        var groups = await TopicIndex.RefreshAllAsync(db, tryOnly: true, TopicIndex.BackgroundGroupsPerBatch, ct);
        if (groups > 0) logger.LogDebug("Topic statistics recounted for {Groups} (product, month) groups", groups);
    }

    protected override Task WaitAsync(CancellationToken ct) => Task.Delay(options.Value.RefreshInterval, clock, ct);
}
