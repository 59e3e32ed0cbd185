using BrandPortal.Web.Api;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace BrandPortal.Web.Hosting;

public static class PipelineSetup
{
    public static void UseBrandPortalPipeline(this WebApplication app)
    {
        app.UseRequestsRunToCompletion();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseApiProblems();
        app.UseBrandPortalRequestLogging();
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = CacheStaticAsset });
        app.UseInputGuard();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseReadYourWrites();
        app.UseCurrentUser();
        app.UseReadOnlyWhilePrimaryDown();
        app.UseBrandPortalLocalization();
        app.UseAuthorization();
    }

    /// <summary>
    /// The layout links assets with asp-append-version (?v=content hash): such a URL never changes content, so
    /// browsers keep it for a year without asking again. Unversioned URLs are revalidated after an hour.
    /// </summary>
    private static void CacheStaticAsset(StaticFileResponseContext context)
    {
        var versioned = context.Context.Request.Query.ContainsKey("v");
        context.Context.Response.Headers[HeaderNames.CacheControl] = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600";
    }

    public static void MapBrandPortalEndpoints(this WebApplication app)
    {
        app.MapBrandPortalHealth();
        app.MapBrandPortalMetrics();
        app.MapRazorPages();
        app.MapBrandPortalApi();
    }
}
