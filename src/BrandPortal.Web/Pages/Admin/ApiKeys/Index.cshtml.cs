using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Pages.Admin.ApiKeys;

/// <summary>The account's API keys (reviews:read, contacts:read, webhooks:manage): for the account administrator only.</summary>
[RequiresPermission(Permission.UserPermissions, PermissionLevel.ViewAndEdit)]
public sealed class IndexModel(ApiKeyService keys, CurrentUser current) : ApiKeysPageModel(keys, current, ApiKeyKind.Account)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ListAsync(ct);

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => CreateAsync(ct);

    public Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct) => RevokeAsync(id, ct);
}
