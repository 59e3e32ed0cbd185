using System.Diagnostics;
using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Pages;

/// <summary>Every error the portal shows, in words: never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<ErrorText> S, BrandPortal.Core.Data.Replicas.PrimaryStatus primary) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string? RequestId { get; private set; }
    /// <summary>On a 403 from a page's declared permissions: which permission is missing and where it is granted.</summary>
    public IReadOnlyList<string> Missing { get; private set; } = [];

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private static bool IsOutage(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException) return true;
        return false;
    }

    private void Describe(int? code)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Explanation) = (S["Something went wrong"], S["BrandPortal could not finish this request. Nothing was changed; please try again in a moment."]);
        var status = code ?? 500;
        if (code is null)
        {
            // A database or mail server that does not answer is an outage, not a bug: say so with 503.
            var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (error is null) return; // someone opened /Error by hand: nothing failed
            status = IsOutage(error) ? 503 : 500;
            Response.StatusCode = status;
        }
        (Title, Explanation) = status switch
        {
            400 => (S["This request could not be understood"], S["The form may have expired. Go back, reload the page and try again."]),
            403 => (S["You do not have access to this page"], S["Your account does not hold the permission this page needs. Your account administrator can grant it."]),
            404 => (S["Page not found"], S["There is nothing at this address, or it is not visible to your account."]),
            429 => (S["Too many requests"], S["You are going faster than BrandPortal allows. Wait a minute and try again."]),
            503 => (S["BrandPortal is briefly unavailable"], S["A service BrandPortal depends on is not answering. Nothing was changed; try again in a moment."]),
            _ => (Title, Explanation),
        };
        if (status == 503)
        {
            Response.Headers.RetryAfter = "5";
            // With a read replica, a primary that is down leaves the portal read-only rather than away.
            if (primary.IsDown)
                (Title, Explanation) = (S["BrandPortal is read-only for a moment"], S["The main database is not answering: pages that show information still work, changes are paused. Nothing was changed; try again in a moment."]);
        }
        if (status == 403 && HttpContext.Items[Hosting.PagePermissions.MissingItemKey] is IReadOnlyList<string> missing) Missing = missing;
    }
}
