using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// The pages under /Dev (the captured email, with customers' addresses and invitation links that sign their reader
/// in) exist only for the developer at this computer: in Development, to a loopback client, not relayed by a proxy.
/// Anything else gets 404, as if the page did not exist.
/// </summary>
public sealed class LocalDevelopmentOnlyFilter : IAuthorizationFilter
{
    /// <summary>Headers a proxy adds to say who the real client is; any of them means the request came from elsewhere.</summary>
    private static readonly string[] ForwardedHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP", "X-Client-IP", "True-Client-IP"];

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var environment = context.HttpContext.RequestServices.GetRequiredService<IWebHostEnvironment>();
        if (!Allows(environment, context.HttpContext)) context.Result = new NotFoundResult();
    }

    public static bool Allows(IWebHostEnvironment environment, HttpContext http)
        => environment.IsDevelopment() && IsLoopback(http.Connection.RemoteIpAddress) && !RelayedByProxy(http.Request);

    /// <summary>A proxy says who the real client is: the connection's address is the proxy's, not the client's.</summary>
    public static bool RelayedByProxy(HttpRequest request) => ForwardedHeaders.Any(h => request.Headers.ContainsKey(h));

    /// <summary>An unknown address (null) is not loopback: refusing costs a developer nothing, guessing could leak.</summary>
    public static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
