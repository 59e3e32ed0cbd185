using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Webhooks;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Support.Webhooks;

/// <summary>Platform webhook subscriptions (every account's events): Support only (folder policy).</summary>
public sealed class IndexModel(WebhookSubscriptionService webhooks, CurrentUser current) : WebhooksPageModel(webhooks, current, ApiKeyKind.Platform)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ListAsync(ct);

    public Task<IActionResult> OnPostCreateAsync(string? targetUrl, List<string>? events, CancellationToken ct) => CreateAsync(targetUrl, events, ct);

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct) => DeleteAsync(id, ct);

    public Task<IActionResult> OnPostTestAsync(long id, CancellationToken ct) => TestAsync(id, ct);

    public Task<IActionResult> OnPostEnableAsync(long id, CancellationToken ct) => EnableAsync(id, ct);

    public Task<IActionResult> OnPostResendAsync(long id, long deliveryId, CancellationToken ct) => ResendAsync(id, deliveryId, ct);
}
