using System.Threading.RateLimiting;
using BrandPortal.Core.ApiKeys;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandPortal.Web.Api;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";
    /// <summary>Requests one key may make in a minute; more are answered 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 600;
    /// <summary>The largest request body an API route reads; a larger one is answered 413 and nothing is done.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary><c>/api/v1</c>: key authentication, per-key rate limit, problem details for every error, and the routes.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void AddBrandPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        builder.Services.AddProblemDetails();
        builder.Services.AddBrandPortalApiAuthentication();
        builder.Services.AddBrandPortalApiDocumentation();
    }

    /// <summary>
    /// The rate-limit partition of an API request: the key's visible prefix (one budget per key, whichever instance
    /// or address it comes from); a request without anything shaped like a key shares its address's budget.
    /// </summary>
    public static RateLimitPartition<string> Partition(HttpContext context, int perMinute)
    {
        string? header = context.Request.Headers.Authorization;
        var key = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var partition = ApiKeySecrets.PrefixOf(key) is { } prefix ? $"api:{prefix}" : $"api-ip:{context.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>429 for an API request: how long to wait (the window's end) as Retry-After, and a problem body.</summary>
    public static async ValueTask RejectedAsync(OnRejectedContext rejected)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ApiProblems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This key made more requests in a minute than it may; try again in {seconds} s.");
    }

    /// <summary>
    /// API responses are never re-executed as the portal's HTML error page: an error without a body (an unknown
    /// route, a wrong method) still answers problem details.
    /// </summary>
    public static void UseApiProblems(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (!IsApi(context.Request))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        // The reference page runs Scalar's script (and styles) under a nonce Scalar makes per request; nothing inline is allowed.
        context.Response.OnStarting(() =>
        {
            if (context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string nonce)
                context.Response.Headers.ContentSecurityPolicy = Hosting.SecuritySetup.ContentSecurityPolicy
                    .Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                    .Replace("style-src 'self'", $"style-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal);
            return Task.CompletedTask;
        });
        if (!ApiBody.Limit(context))
        {
            await ApiBody.TooLargeAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ApiBody.IsTooLarge(ex) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiBody.TooLargeAsync(context);
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && !Hosting.ClientDisconnect.Token(context).IsCancellationRequested)
        {
            // A client of the API reads JSON: a failure is a 500 problem, not the portal's HTML error page.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BrandPortal.Api").LogError(ex, "API request {Path} failed", context.Request.Path.Value);
            context.Response.Clear();
            await ApiProblems.Write(context, StatusCodes.Status500InternalServerError, "Internal error", "The request failed. Try again; if it fails again, tell Support the time of the request.");
            return;
        }
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null)
            await ApiProblems.Write(context, response.StatusCode, ReasonPhrases(response.StatusCode), null);
    });

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    public static void MapBrandPortalApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1").RequireAuthorization(ApiAuth.AnyKeyPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.MapApiContacts();
        v1.MapApiReviews();
        v1.MapApiWebhooks();
        v1.MapApiIngest();
        app.MapBrandPortalApiDocumentation();
    }
}
