using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Web.Tests.Security;

/// <summary>Which kinds of key a route is for; <see cref="Anonymous"/> for a public document.</summary>
[Flags]
public enum KeyKinds { Anonymous = 0, Account = 1, Platform = 2, Either = Account | Platform }

/// <summary>Whose object fills a route's <c>{id}</c>: the sweeping account's (Acme, S1), the other account's (Globex, S3), the platform's.</summary>
public enum Holder { AccountA, AccountB, Platform }

/// <summary>
/// How the API sweeps call one route: the kinds of key it is for, an object of each holder for its <c>{id}</c> (null
/// when the holder has none of that kind), a valid minimal JSON body for a given id, and a valid query string.
/// </summary>
public sealed record ApiCall(KeyKinds For, Func<ApiWorld, Holder, Task<string?>>? Id = null, Func<string, string>? Body = null, string Query = "");

/// <summary>One route under /api/v1 as the endpoint data has it, with the scopes its policies require.</summary>
public sealed record ApiRoute(string Verb, string Pattern, IReadOnlyList<string> Scopes, bool Anonymous)
{
    public string Key => $"{Verb} /{Pattern}";

    public override string ToString() => Key;
}

public static class ApiCalls
{
    /// <summary>
    /// Every /api/v1 route, by "VERB /pattern": a route without an entry fails <see cref="ApiKeySweepTests"/> by name,
    /// so a new route is swept as soon as it has its line here. For example, a platform write:
    /// <c>["PUT /api/v1/sellers/{id}"] = new(KeyKinds.Platform, (w, h) => ApiWorld.Fresh(h, "S"), id => $$"""{"name":"Sweep {{id}}"}""")</c>;
    /// objects each holder owns are made through the API itself (their ids become the holder's data), as the webhook
    /// lines below do; two route values are filled from "a/b".
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ApiCall> Table = new Dictionary<string, ApiCall>
    {
        ["GET /api/v1/openapi.json"] = new(KeyKinds.Anonymous),
        ["GET /api/v1/reviews"] = new(KeyKinds.Account, Query: "period=all&stars=1&stars=2&stars=3&stars=4&stars=5"),
        ["GET /api/v1/reviews/export"] = new(KeyKinds.Either, Query: "stars=1&stars=2"),
        ["GET /api/v1/reviews/{id}"] = new(KeyKinds.Account, (w, h) => w.ReviewAsync(h)),
        ["GET /api/v1/contacts"] = new(KeyKinds.Account),
        ["GET /api/v1/webhooks"] = new(KeyKinds.Either),
        ["POST /api/v1/webhooks"] = new(KeyKinds.Either, Body: _ => ApiWorld.Hook),
        ["GET /api/v1/webhooks/{id}"] = new(KeyKinds.Either, (w, h) => w.SubscriptionAsync(h)),
        ["DELETE /api/v1/webhooks/{id}"] = new(KeyKinds.Either, (w, h) => w.SubscriptionAsync(h, fresh: true)),
        ["POST /api/v1/webhooks/{id}/test"] = new(KeyKinds.Either, (w, h) => w.SubscriptionAsync(h)),
        ["GET /api/v1/webhooks/{id}/deliveries"] = new(KeyKinds.Either, (w, h) => w.SubscriptionAsync(h)),
        ["POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend"] = new(KeyKinds.Either, (w, h) => w.DeliveryAsync(h)),
        // The ingest: platform writes; a PUT names the record it makes, so each call gets a fresh id, pointing at demo rows.
        ["PUT /api/v1/sellers/{id}"] = new(KeyKinds.Platform, (w, h) => ApiWorld.Fresh(h, "S"),
            _ => """{"name": "Sweep Trading", "plan": "Professional", "standing": "Good"}"""),
        ["PUT /api/v1/brands/{id}"] = new(KeyKinds.Platform, (w, h) => ApiWorld.Fresh(h, "B"),
            _ => """{"name": "Sweep Brand", "registered": true, "sellerIds": ["S1"]}"""),
        ["PUT /api/v1/customers/{id}"] = new(KeyKinds.Platform, (w, h) => ApiWorld.Fresh(h, "C"),
            id => $$"""{"name": "Sweep Customer", "email": "{{id.ToLowerInvariant()}}@sweep.test", "password": "a-long-sweep-password-9"}"""),
        ["PUT /api/v1/products/{id}"] = new(KeyKinds.Platform,
            (w, h) => Task.FromResult(h == Holder.Platform ? "B0SW" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() : null),
            _ => """{"brandId": "B1", "title": "Sweep Kettle"}"""),
        ["PUT /api/v1/orders/{id}"] = new(KeyKinds.Platform, (w, h) => ApiWorld.Fresh(h, "111"),
            _ => """{"customerId": "C1", "sellerId": "S1", "marketplace": "US", "placedAt": "2026-05-01T10:00:00Z", "items": [{"asin": "B000ACME01", "quantity": 1, "unitPrice": 9.5, "currency": "USD"}]}"""),
        ["PUT /api/v1/reviews/{id}"] = new(KeyKinds.Platform, (w, h) => ApiWorld.Fresh(h, "R"),
            _ => """{"asin": "B000ACME01", "customerId": "C1", "rating": 2, "title": "Sweep", "body": "Swept.", "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": false}"""),
        ["POST /api/v1/import"] = new(KeyKinds.Platform,
            Body: _ => $$"""{"reviews": [{"id": "{{"R-SWEEP-" + Guid.NewGuid().ToString("N")[..12]}}", "asin": "B000ACME01", "customerId": "C1", "rating": 2, "title": "Sweep", "body": "Swept.", "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": false}]}"""),
    };

    public static bool IsApi(string pattern) => pattern.TrimStart('/').StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The routes under /api/v1 from the portal's endpoint data, each with the scopes of its "api:…" policies.</summary>
    public static IReadOnlyList<ApiRoute> Discover(IServiceProvider services)
        => services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => IsApi(e.RoutePattern.RawText ?? ""))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(verb => new ApiRoute(verb,
                e.RoutePattern.RawText!.Trim('/'), // a group's "" route ends in a slash the request need not send
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>()
                    .Where(p => p.StartsWith("api:", StringComparison.Ordinal)).Select(p => p["api:".Length..]).Distinct().ToList(),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .OrderBy(r => r.Pattern).ThenBy(r => r.Verb).ToList();
}
