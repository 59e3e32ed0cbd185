using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Webhooks;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages;

/// <summary>
/// What /Admin/Webhooks (the account's subscriptions) and /Support/Webhooks (platform subscriptions) share. The handlers
/// stay on the two pages themselves, where the permission table and the sweeps find them; they call these.
/// </summary>
public abstract class WebhooksPageModel(WebhookSubscriptionService webhooks, CurrentUser current, ApiKeyKind kind) : OutcomePageModel
{
    protected override Type MessageResource => typeof(BrandPortal.Web.Localization.AdminText);
    public IReadOnlyList<WebhookOverview> Subscriptions { get; private set; } = [];
    public IReadOnlyList<string> AvailableEvents => WebhookEventTypes.All;
    public bool ForPlatform => kind == ApiKeyKind.Platform;
    /// <summary>The new subscription and its secret, on the one response that answers its creation; never shown again.</summary>
    public WebhookSubscriptionRow? Created { get; private set; }
    public string? CreatedSecret { get; private set; }
    public string? CreatedMessage { get; private set; }
    /// <summary>What the create form was sent with, shown again when it is refused. Bound by the Create handler alone.</summary>
    public string? TargetUrl { get; private set; }
    public IReadOnlyList<string>? Events { get; private set; }

    private WebhookOwner? Owner => WebhookOwner.OfUser(current.Required, kind);

    protected async Task<IActionResult> ListAsync(CancellationToken ct)
    {
        if (await webhooks.OverviewAsync(Owner, ct) is not { } list) return StatusCode(StatusCodes.Status403Forbidden);
        Subscriptions = list;
        return Page();
    }

    protected async Task<IActionResult> CreateAsync(string? targetUrl, List<string>? events, CancellationToken ct)
    {
        (TargetUrl, Events) = (targetUrl, events);
        var created = await webhooks.CreateAsync(Owner, current.Actor, targetUrl, events?.Select(e => (string?)e).ToList() ?? [], ct);
        if (created.Secret is null) return await ShowAsync(created.Outcome, () => ListAsync(ct));
        // Shown in this response rather than after a redirect: the secret must not travel in TempData, a URL or a cache.
        Response.Headers.CacheControl = "no-store";
        (Created, CreatedSecret, CreatedMessage) = (created.Subscription, created.Secret, Say(created.Outcome));
        TargetUrl = null;
        Events = null;
        return await ListAsync(ct);
    }

    protected async Task<IActionResult> DeleteAsync(long id, CancellationToken ct)
        => await ShowAsync(await webhooks.DeleteAsync(Owner, current.Actor, WebhookRef.Of(id), ct), () => ListAsync(ct));

    protected async Task<IActionResult> TestAsync(long id, CancellationToken ct)
        => await ShowAsync((await webhooks.SendTestAsync(Owner, current.Actor, WebhookRef.Of(id), ct)).Outcome, () => ListAsync(ct));

    protected async Task<IActionResult> EnableAsync(long id, CancellationToken ct)
        => await ShowAsync(await webhooks.EnableAsync(Owner, current.Actor, WebhookRef.Of(id), ct), () => ListAsync(ct));

    protected async Task<IActionResult> ResendAsync(long id, long deliveryId, CancellationToken ct)
        => await ShowAsync((await webhooks.ResendAsync(Owner, current.Actor, WebhookRef.Of(id), WebhookDeliveryRef.Of(deliveryId), ct)).Outcome,
            () => ListAsync(ct));
}
