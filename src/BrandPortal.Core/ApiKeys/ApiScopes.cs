using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.ApiKeys;

/// <summary>What an API key may do. Account keys read their own account's data; platform keys feed the portal.</summary>
public static class ApiScopes
{
    public const string ReviewsRead = "reviews:read";
    public const string ContactsRead = "contacts:read";
    public const string WebhooksManage = "webhooks:manage";
    public const string CatalogWrite = "catalog:write";
    public const string OrdersWrite = "orders:write";
    public const string ReviewsWrite = "reviews:write";

    public static IReadOnlyList<string> ForAccount { get; } = [ReviewsRead, ContactsRead, WebhooksManage];
    /// <summary>Platform keys feed the portal, and read every review back through the CSV export (reviews:read).</summary>
    public static IReadOnlyList<string> ForPlatform { get; } = [CatalogWrite, OrdersWrite, ReviewsWrite, WebhooksManage, ReviewsRead];

    public static IReadOnlyList<string> For(ApiKeyKind kind) => kind == ApiKeyKind.Account ? ForAccount : ForPlatform;

    /// <summary>Scopes as typed ("a,b" or several values, any spacing or case), trimmed, lower-cased and without repeats.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string?>? values) => (values ?? [])
        .SelectMany(v => (v ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Select(s => s.ToLowerInvariant())
        .Distinct(StringComparer.Ordinal)
        .ToList();
}
