using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Testing;

/// <summary>
/// Test-only evidence that a request reached its handler, not just that it got an answer: a page filter notes every
/// page handler that is about to run (after routing, authentication, authorization, antiforgery and model binding),
/// and every other endpoint notes when its delegate runs. A sweep tags each request with
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

    /// <summary>
    /// Endpoints that are not pages (health checks, the /api routes) have no filter: for a tagged request, the endpoint
    /// routing picks is swapped for a copy whose delegate notes that it ran, so a refusal by authentication or
    /// authorization (or a 403 the handler itself answers) is told apart exactly from the handler being reached.
    /// </summary>
    private sealed class EndpointNoter(HandlerProbe probe) : IStartupFilter
    {
        private readonly ConcurrentDictionary<RouteEndpoint, RouteEndpoint> _noting = new();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) =>
            {
                if (context.Request.Headers.ContainsKey(Header))
                    context.Features.Set<IEndpointFeature>(new NotingEndpoint(this, context.Features.Get<IEndpointFeature>()?.Endpoint));
                return inner(context);
            });
            next(app);
        };

        private Endpoint? Noting(Endpoint? endpoint) => endpoint is RouteEndpoint e && e.Metadata.GetMetadata<PageActionDescriptor>() is null && e.RequestDelegate is { } run
            ? _noting.GetOrAdd(e, _ => new RouteEndpoint(context =>
            {
                probe.Note(context, $"endpoint /{e.RoutePattern.RawText!.TrimStart('/')}");
                return run(context);
            }, e.RoutePattern, e.Order, e.Metadata, e.DisplayName))
            : endpoint;

        private sealed class NotingEndpoint(EndpointNoter noter, Endpoint? initial) : IEndpointFeature
        {
            private Endpoint? _endpoint = initial;

            public Endpoint? Endpoint
            {
                get => _endpoint;
                set => _endpoint = noter.Noting(value);
            }
        }
    }
}
