using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Testing;

/// <summary>
/// One handler of one endpoint: its route, verb, handler name and the names of the values it binds. <see cref="Model"/>
/// is the page's model type (the page's own type for a page without a model), null for an endpoint that is not a page.
/// </summary>
public sealed record PageHandler(
    string Route, string Verb, string? Handler, Type? Model,
    IReadOnlyList<string> RouteParameters, IReadOnlyList<BoundValue> Values, string? PagePath = null)
{
    public bool IsPage => PagePath is not null;

    public override string ToString() => $"{Verb} /{Route}{(Handler is null ? "" : $"?handler={Handler}")}";

    /// <summary>The URL with the given route values filled in (and the handler name, if any).</summary>
    public string Url(IReadOnlyDictionary<string, string> routeValues)
    {
        var path = "/" + Route;
        foreach (var p in RouteParameters)
            path = Regex.Replace(path, "\\{" + p + "(:[^}]*)?\\??\\}", Uri.EscapeDataString(routeValues.GetValueOrDefault(p, "1")));
        path = Regex.Replace(path, "/\\{[^}]*\\?\\}", "");
        return Handler is null ? path : $"{path}?handler={Handler}";
    }

    /// <summary>
    /// A pattern that matches this handler's path with any route values its constraints accept (for finding real links
    /// to it): <c>{threadId:long}</c> matches digits only, so the link to <c>/Brands/Messages/Report</c> is not taken for a
    /// thread of <c>/Brands/Messages/{threadId:long}</c>.
    /// </summary>
    public Regex PathPattern() => new("^/" + Regex.Replace(Regex.Escape(Route).Replace("\\{", "{"), "\\{[^}]*\\}",
        m => Regex.IsMatch(m.Value, ":(int|long)\\??}$") ? "-?[0-9]+" : "[^/?#]+") + "(?:[?#]|$)");
}

/// <summary>A value a handler binds from the query string or the form: its name and CLR type.</summary>
public sealed record BoundValue(string Name, Type Type, bool FromQuery)
{
    public bool IsId => Name.EndsWith("id", StringComparison.OrdinalIgnoreCase) || Name.Equals("brand", StringComparison.OrdinalIgnoreCase)
        || Name.Equals("user", StringComparison.OrdinalIgnoreCase);

    /// <summary>A calendar value: typed as a date, or a string the handler parses as one.</summary>
    public bool IsDate => IsDateType(Nullable.GetUnderlyingType(Type) ?? Type)
        || Regex.IsMatch(Name, "^(from|to|date|after|before|since|until|period)$|(Date|At|From|To)$", RegexOptions.IgnoreCase);

    private static bool IsDateType(Type t) => t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset);
}

/// <summary>
/// Every endpoint of the portal, read from its endpoint data source: each handler of each Razor page (from the compiled
/// page descriptor, so a page without a model, or with an unconventionally named one, is still there) and every other
/// endpoint (health checks). A page added tomorrow is swept by the security tests without anyone listing it, and
/// <c>PageCatalogTests</c> fails if an endpoint escapes the catalog.
/// </summary>
public static class PageCatalog
{
    public static IReadOnlyList<PageHandler> Discover(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var handlers = new List<PageHandler>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        // A page answers on several patterns ("Brands" and "Brands/Index"): the one with the most parameters, then the shortest.
        foreach (var page in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                     .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath))
        {
            var endpoint = page.OrderByDescending(e => e.RoutePattern.Parameters.Count).ThenBy(e => e.RoutePattern.RawText!.Length).First();
            var compiled = loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata).GetAwaiter().GetResult();
            handlers.AddRange(Handlers(page.Key, endpoint.RoutePattern.RawText!.TrimStart('/'), endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList(), compiled));
        }

        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null))
        {
            var verbs = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var verb in verbs)
            {
                var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
                handlers.Add(new PageHandler(endpoint.RoutePattern.RawText!.TrimStart('/'), verb, null, null, routeParameters,
                    QueryValues(endpoint, routeParameters)));
            }
        }
        return handlers.OrderBy(h => h.Route).ThenBy(h => h.Verb).ThenBy(h => h.Handler).ToList();
    }

    /// <summary>
    /// The query values a minimal API endpoint (the /api routes) binds: the simple-typed parameters of its delegate that
    /// are not route values (services, the HttpContext and the cancellation token are not input).
    /// </summary>
    private static List<BoundValue> QueryValues(RouteEndpoint endpoint, List<string> routeParameters)
        => endpoint.Metadata.GetMetadata<MethodInfo>() is not { } method ? []
            : method.GetParameters()
                .Where(p => IsSimple(p.ParameterType) && !routeParameters.Contains(p.Name!, StringComparer.OrdinalIgnoreCase))
                .Select(p => new BoundValue(p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!, p.ParameterType, FromQuery: true))
                .ToList();

    private static bool IsSimple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? (t.IsArray ? t.GetElementType()! : t);
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(DateOnly)
               || t == typeof(DateTime) || t == typeof(Guid);
    }

    private static IEnumerable<PageHandler> Handlers(string pagePath, string route, List<string> routeParameters, CompiledPageActionDescriptor compiled)
    {
        var model = compiled.ModelTypeInfo?.AsType() ?? compiled.PageTypeInfo.AsType();
        var properties = compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>().ToList();
        // A page without handler methods renders itself for a GET.
        var methods = compiled.HandlerMethods.Count > 0
            ? compiled.HandlerMethods.Select(m => (Verb: m.HttpMethod.ToUpperInvariant(), m.Name, Parameters: m.Parameters.Select(p => p.ParameterInfo).ToList()))
            : [("GET", null, [])];
        foreach (var (verb, name, parameters) in methods)
        {
            var values = new List<BoundValue>();
            foreach (var property in properties)
            {
                var info = property.Property;
                if (routeParameters.Contains(info.Name, StringComparer.OrdinalIgnoreCase)) continue;
                var bind = info.GetCustomAttribute<BindPropertyAttribute>() ?? info.DeclaringType!.GetCustomAttribute<BindPropertiesAttribute>() as object;
                var query = info.GetCustomAttribute<FromQueryAttribute>();
                var forGet = query is not null || (bind as BindPropertyAttribute)?.SupportsGet == true || (bind as BindPropertiesAttribute)?.SupportsGet == true;
                if (verb == "GET" && !forGet) continue;
                values.Add(new BoundValue(property.BindingInfo?.BinderModelName ?? info.Name, info.PropertyType, verb == "GET"));
            }
            foreach (var p in parameters)
            {
                if (p.ParameterType == typeof(CancellationToken) || routeParameters.Contains(p.Name!, StringComparer.OrdinalIgnoreCase)) continue;
                var bound = p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.GetCustomAttribute<FromFormAttribute>()?.Name ?? p.Name!;
                values.Add(new BoundValue(bound, p.ParameterType, verb == "GET"));
            }
            yield return new PageHandler(route, verb, string.IsNullOrEmpty(name) ? null : name, model, routeParameters, values, pagePath);
        }
    }
}
