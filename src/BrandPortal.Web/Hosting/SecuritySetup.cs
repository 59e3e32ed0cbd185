using System.Threading.RateLimiting;
using BrandPortal.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandPortal.Web.Hosting;

/// <summary>Security headers, rate limits and shared Data Protection keys.</summary>
public static class SecuritySetup
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>Configuration section <c>RateLimits</c>: requests per minute.</summary>
    public sealed class RateLimitOptions
    {
        public int SignInPerMinute { get; set; } = 10;
        public int SendsPerMinute { get; set; } = 30;
    }

    public static void AddBrandPortalSecurity(this WebApplicationBuilder builder)
    {
        // Every instance on one database shares the keys that protect cookies and antiforgery tokens.
        builder.Services.AddDataProtection()
            .SetApplicationName("BrandPortal")
            .PersistKeysToDbContext<BrandPortalDbContext>();

        var limits = builder.Configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        var api = builder.Configuration.GetSection(Api.ApiOptions.Section).Get<Api.ApiOptions>() ?? new Api.ApiOptions();
        if (api.RequestsPerMinute < 1)
            throw new InvalidOperationException($"Api:RequestsPerMinute must be a whole number of at least 1 (it is {api.RequestsPerMinute}).");
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (Api.ApiSetup.IsApi(context.HttpContext.Request)) return Api.ApiSetup.RejectedAsync(context);
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var request = context.Request;
                // Every API request, whatever its method, counts against its key's budget.
                if (Api.ApiSetup.IsApi(request)) return Api.ApiSetup.Partition(context, api.RequestsPerMinute);
                if (!HttpMethods.IsPost(request.Method)) return RateLimitPartition.GetNoLimiter("");
                var path = request.Path.Value ?? "";
                if (path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase))
                    return Window($"signin:{context.Connection.RemoteIpAddress}", limits.SignInPerMinute);
                if (IsSend(path))
                    return Window($"send:{context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString()}", limits.SendsPerMinute);
                return RateLimitPartition.GetNoLimiter("");
            });
        });
    }

    /// <summary>The POSTs that reach a customer or a brand: contacts and messages.</summary>
    private static bool IsSend(string path)
        => path.StartsWith("/Brands/Reviews/", StringComparison.OrdinalIgnoreCase) && path.EndsWith("/Contact", StringComparison.OrdinalIgnoreCase)
           || path.StartsWith("/Brands/Messages/", StringComparison.OrdinalIgnoreCase)
           || path.StartsWith("/YourAccount/MessageCenter/", StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> Window(string key, int perMinute)
        => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    public static void UseSecurityHeaders(this WebApplication app)
    {
        var production = !app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing");
        if (production) app.UseHsts();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
    }
}
