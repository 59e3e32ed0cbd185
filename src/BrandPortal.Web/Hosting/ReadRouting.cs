using BrandPortal.Core.Data.Replicas;
using BrandPortal.Web.Api;
using Microsoft.AspNetCore.DataProtection;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// The web side of read replicas (ConnectionStrings:BrandPortalRead). Without that setting none of this runs: the
/// middleware is not added and every read is on the primary, at no extra cost per request.
/// </summary>
public static class ReadRouting
{
    public const string PositionCookie = "bp.lsn";
    public const string ReadOnlyTitle = "BrandPortal is read-only for a moment";
    public const string ReadOnlyDetail = "The main database is not answering: pages that show information still work, changes are paused. Nothing was changed; try again in a moment.";

    /// <summary>How long after a write the user's reads wait for the standby to have replayed it.</summary>
    public static readonly TimeSpan ReadYourWritesFor = TimeSpan.FromSeconds(15);

    public static bool HasReplica(this WebApplication app) => app.Services.GetService<ReadReplica>() is not null;

    /// <summary>
    /// Read your writes. After a signed-in user's write (any unsafe method that did not fail) the primary's WAL position
    /// goes into a data-protected, time-limited cookie; on the user's next requests <see cref="ReadDb.CatchUpAsync"/>
    /// compares it with what the standby has replayed (one statement) and reads the primary until the standby has
    /// caught up, then drops the cookie. A cookie rather than a per-instance memory: behind a load balancer the next
    /// request may land on any instance, and every instance shares the Data Protection keys that open it; no shared
    /// store is written, and a forged or stale value can at worst send that one user's reads to the primary.
    /// </summary>
    public static void UseReadYourWrites(this WebApplication app)
    {
        if (!app.HasReplica()) return;
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("BrandPortal.ReadYourWrites").ToTimeLimitedDataProtector();
        app.Use(async (context, next) =>
        {
            var read = context.RequestServices.GetRequiredService<ReadDb>();
            if (context.Request.Cookies[PositionCookie] is { Length: > 0 } cookie)
            {
                var lsn = Unprotect(protector, cookie);
                if (lsn is null || await read.CatchUpAsync(lsn, context.RequestAborted)) context.Response.Cookies.Delete(PositionCookie);
            }
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !ApiSetup.IsApi(context.Request)
                && context.User.Identity?.IsAuthenticated == true)
            {
                context.Response.OnStarting(async () =>
                {
                    var primary = context.RequestServices.GetRequiredService<PrimaryStatus>();
                    if (context.Response.StatusCode >= 400 || primary.IsDown) return;
                    try
                    {
                        if (await read.PrimaryPositionAsync(context.RequestAborted) is { } position)
                            context.Response.Cookies.Append(PositionCookie, protector.Protect(position, ReadYourWritesFor), new CookieOptions
                            {
                                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = ReadYourWritesFor, IsEssential = true,
                            });
                    }
                    catch (Exception e) when (Outage.Is(e))
                    {
                        // The write is done; without the position the user's next page may be a moment stale.
                    }
                });
            }
            await next(context);
        });
    }

    private static string? Unprotect(ITimeLimitedDataProtector protector, string value)
    {
        try { return protector.Unprotect(value, out _); }
        catch (System.Security.Cryptography.CryptographicException) { return null; } // expired or not ours
    }

    /// <summary>
    /// While the primary is down (a portal with a read replica only), writes are refused at once with 503, Retry-After
    /// and "BrandPortal is read-only for a moment" — problem details for the API, the error page for a form — instead of
    /// each failing on its own. Reads go on from the standby. Runs after the session read, which retries the primary
    /// every couple of seconds, so writes are accepted again as soon as it answers.
    /// </summary>
    public static void UseReadOnlyWhilePrimaryDown(this WebApplication app)
    {
        if (!app.HasReplica()) return;
        var primary = app.Services.GetRequiredService<PrimaryStatus>();
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            var errorPage = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
                            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
            if (!primary.IsDown || errorPage || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
            {
                await next(context);
                return;
            }
            context.Response.Headers.RetryAfter = "5";
            if (ApiSetup.IsApi(context.Request))
                await ApiProblems.Write(context, StatusCodes.Status503ServiceUnavailable, ReadOnlyTitle, ReadOnlyDetail);
            else
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; // the error page says it (status code pages)
        });
    }
}
