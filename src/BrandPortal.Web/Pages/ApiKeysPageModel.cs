using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages;

/// <summary>
/// What /Admin/ApiKeys (the account's keys) and /Support/ApiKeys (platform keys) share. The handlers stay on the two
/// pages themselves, where the permission table and the sweeps find them; they call these.
/// </summary>
public abstract class ApiKeysPageModel(ApiKeyService keys, CurrentUser current, ApiKeyKind kind) : OutcomePageModel
{
    protected override Type MessageResource => typeof(BrandPortal.Web.Localization.AdminText);
    public IReadOnlyList<ApiKeyRow> Keys { get; private set; } = [];
    public IReadOnlyList<string> AvailableScopes => ApiScopes.For(kind);
    public bool ForPlatform => kind == ApiKeyKind.Platform;
    /// <summary>The whole key, on the one response that answers its creation; never stored, never shown again.</summary>
    public string? CreatedKey { get; private set; }
    public string? CreatedMessage { get; private set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<string>? Scopes { get; set; }

    protected async Task<IActionResult> ListAsync(CancellationToken ct)
    {
        if (await keys.ListAsync(current.Required, kind, ct) is not { } list) return StatusCode(StatusCodes.Status403Forbidden);
        Keys = list;
        return Page();
    }

    protected async Task<IActionResult> CreateAsync(CancellationToken ct)
    {
        var created = await keys.CreateAsync(current.Required, current.Actor, kind, Name, Scopes, ct);
        if (created.Key is null) return await ShowAsync(created.Outcome, () => ListAsync(ct));
        // Shown in this response rather than after a redirect: the key must not travel in TempData, a URL or a cache.
        Response.Headers.CacheControl = "no-store";
        CreatedKey = created.Key;
        CreatedMessage = Say(created.Outcome);
        Name = null;
        Scopes = null;
        return await ListAsync(ct);
    }

    protected async Task<IActionResult> RevokeAsync(long id, CancellationToken ct)
        => await ShowAsync(await keys.RevokeAsync(current.Required, current.Actor, kind, id, ct), () => ListAsync(ct));
}
