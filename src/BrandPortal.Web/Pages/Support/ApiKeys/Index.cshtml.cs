using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Support.ApiKeys;

/// <summary>Platform API keys (catalog:write, orders:write, reviews:write, webhooks:manage): Support only (folder policy).</summary>
public sealed class IndexModel(ApiKeyService keys, CurrentUser current) : ApiKeysPageModel(keys, current, ApiKeyKind.Platform)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ListAsync(ct);

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => CreateAsync(ct);

    public Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct) => RevokeAsync(id, ct);
}
