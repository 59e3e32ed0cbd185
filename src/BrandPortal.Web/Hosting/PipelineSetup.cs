namespace BrandPortal.Web.Hosting;

public static class PipelineSetup
{
    public static void UseBrandPortalPipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseBrandPortalRequestLogging();
        app.UseStaticFiles();
        app.UseInputGuard();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseCurrentUser();
        app.UseAuthorization();
    }

    public static void MapBrandPortalEndpoints(this WebApplication app)
    {
        app.MapBrandPortalHealth();
        app.MapRazorPages();
    }
}
