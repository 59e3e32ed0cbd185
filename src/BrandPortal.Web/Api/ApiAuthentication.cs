using System.Security.Claims;
using System.Text.Encodings.Web;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> for <c>/api/v1</c>. The scheme is named only by the API's policies, so the
/// portal's cookie never authenticates an API call (and an API key never opens a page); API calls carry no cookie to
/// forge, so they need no antiforgery token.
/// </summary>
public static class ApiAuth
{
    public const string Scheme = "ApiKey";
    public const string ScopeClaim = "scope";
    /// <summary>Any valid key: the policy of every API route that names no scope.</summary>
    public const string AnyKeyPolicy = "api";

    /// <summary>Platform keys only: a route whose scopes depend on its body (the import) still refuses account keys before it runs.</summary>
    public const string PlatformPolicy = "api-platform";

    /// <summary>Account keys only: a route about one account's data whose scope platform keys also hold (reviews:read, for the export).</summary>
    public const string AccountPolicy = "api-account";
    public const string KindClaim = "bp:api_kind";

    public static string Policy(string scope) => "api:" + scope;

    /// <summary>The caller the handler authenticated for this request.</summary>
    public static ApiCaller Caller(HttpContext context)
        => context.Items[typeof(ApiCaller)] as ApiCaller ?? throw new InvalidOperationException("An /api route ran without its key policy.");

    public static void AddBrandPortalApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        var policies = services.AddAuthorizationBuilder()
            .AddPolicy(AnyKeyPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(PlatformPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(KindClaim, nameof(ApiKeyKind.Platform)))
            .AddPolicy(AccountPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(KindClaim, nameof(ApiKeyKind.Account)));
        foreach (var scope in ApiScopes.ForAccount.Concat(ApiScopes.ForPlatform).Distinct())
            policies.AddPolicy(Policy(scope), p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ScopeClaim, scope));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
    }
}

public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Send the key as Authorization: Bearer <key>.");
        var keys = Context.RequestServices.GetRequiredService<ApiKeyService>();
        if (await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted) is not { } caller)
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        Context.Items[typeof(ApiCaller)] = caller;
        var claims = new List<Claim> { new("bp:api_key", caller.Prefix), new(ApiAuth.KindClaim, caller.Kind.ToString()) };
        claims.AddRange(caller.Scopes.Select(s => new Claim(ApiAuth.ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, ApiAuth.Scheme)), ApiAuth.Scheme));
    }
}

/// <summary>Refusals of API calls as problem details (401 with WWW-Authenticate, 403 naming the missing scope); pages keep the default.</summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || !ApiSetup.IsApi(context.Request))
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        if (result.Forbidden && context.Items.ContainsKey(typeof(ApiCaller))
            && result.AuthorizationFailure?.FailedRequirements.OfType<ClaimsAuthorizationRequirement>().FirstOrDefault(r => r.ClaimType == ApiAuth.KindClaim) is { } kind)
        {
            if (kind.AllowedValues?.Contains(nameof(ApiKeyKind.Account)) == true)
                await ApiProblems.Write(context, StatusCodes.Status403Forbidden, "Account key needed", "This belongs to a seller account: use an account key.");
            else
                await ApiProblems.Write(context, StatusCodes.Status403Forbidden, "Platform keys only",
                    "This route is for the marketplace's own systems: use a platform key, made by Support.");
            return;
        }
        if (result.Forbidden && context.Items.ContainsKey(typeof(ApiCaller)))
        {
            var missing = result.AuthorizationFailure?.FailedRequirements.OfType<ClaimsAuthorizationRequirement>()
                .SelectMany(r => r.AllowedValues ?? []).ToList() ?? [];
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{string.Join(' ', missing)}\"";
            await ApiProblems.Write(context, StatusCodes.Status403Forbidden, "Missing scope",
                $"This key lacks the scope {string.Join(", ", missing)}; create a key with it.", new() { ["missingScopes"] = missing });
            return;
        }
        var sent = !string.IsNullOrEmpty(context.Request.Headers.Authorization);
        context.Response.Headers.WWWAuthenticate = sent ? "Bearer realm=\"BrandPortal API\", error=\"invalid_token\"" : "Bearer realm=\"BrandPortal API\"";
        await ApiProblems.Write(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            sent ? "The API key is malformed, unknown or revoked." : "Send an API key as Authorization: Bearer <key>.");
    }
}
