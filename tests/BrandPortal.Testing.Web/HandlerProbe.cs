using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Testing;

/// <summary>
/// Test-only evidence that a request reached its handler, not just that it got an answer: a page filter notes every
/// page handler that is about to run (after routing, authentication, authorization, antiforgery and model binding),
/// and a middleware notes every other endpoint that answered without 401/403. A sweep tags each request with
/// <see cref="Header"/> and asks <see cref="Reached"/> afterwards. Requests without the header are not recorded.
/// </summary>
public sealed class HandlerProbe
{
    public const string Header = "X-Sweep-Request";
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _reached = new();

    /// <summary>What ran for the tagged request: "/Brands/Reviews/Contact OnPost", "/Error OnGet", "endpoint /health/live".</summary>
    public IReadOnlyList<string> Reached(string tag) => _reached.TryRemove(tag, out var q) ? q.ToList() : [];

    /// <summary>Whether the handler of <paramref name="handler"/> ran for the tagged request.</summary>
    public bool ReachedHandler(string tag, PageHandler handler) => Reached(tag).Contains(Key(handler));

    public static string Key(PageHandler h) => h.IsPage ? $"{h.PagePath} On{Capital(h.Verb)}{h.Handler}" : $"endpoint /{h.Route}";

    private static string Capital(string verb) => verb[..1] + verb[1..].ToLowerInvariant();

    private void Note(HttpContext context, string what)
    {
        if (context.Request.Headers[Header] is [{ Length: > 0 } tag])
            _reached.GetOrAdd(tag, _ => new ConcurrentQueue<string>()).Enqueue(what);
    }

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<HandlerProbe>();
        services.AddSingleton<PageFilter>();
        services.Configure<MvcOptions>(o => o.Filters.AddService<PageFilter>());
        services.AddSingleton<IStartupFilter, EndpointNoter>();
    }

    public sealed class PageFilter(HandlerProbe probe) : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var page = context.ActionDescriptor.ViewEnginePath;
            var method = context.HandlerMethod is { } m ? $"On{Capital(m.HttpMethod)}{m.Name}" : $"On{Capital(context.HttpContext.Request.Method)}";
            probe.Note(context.HttpContext, $"{page} {method}");
            return next();
        }
    }

    private sealed class EndpointNoter(HandlerProbe probe) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                // Endpoints that are not pages (health checks) have no filter: one that was routed to and not refused ran.
                if (context.GetEndpoint() is RouteEndpoint e && e.Metadata.GetMetadata<PageActionDescriptor>() is null
                    && context.Response.StatusCode is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden))
                    probe.Note(context, $"endpoint /{e.RoutePattern.RawText!.TrimStart('/')}");
            });
            next(app);
        };
    }
}
