using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Testing;

/// <summary>One handler of one Razor page: its route, verb, handler name and the names of the values it binds.</summary>
public sealed record PageHandler(
    string Route, string Verb, string? Handler, Type Model,
    IReadOnlyList<string> RouteParameters, IReadOnlyList<BoundValue> Values)
{
    public override string ToString() => $"{Verb} /{Route}{(Handler is null ? "" : $"?handler={Handler}")}";

    /// <summary>The URL with the given route values filled in (and the handler name, if any).</summary>
    public string Url(IReadOnlyDictionary<string, string> routeValues)
    {
        var path = "/" + Route;
        foreach (var p in RouteParameters)
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + p + "(:[^}]*)?\\??\\}", Uri.EscapeDataString(routeValues.GetValueOrDefault(p, "1")));
        path = System.Text.RegularExpressions.Regex.Replace(path, "/\\{[^}]*\\?\\}", "");
        return Handler is null ? path : $"{path}?handler={Handler}";
    }
}

/// <summary>A value a handler binds from the query string or the form: its name and CLR type.</summary>
public sealed record BoundValue(string Name, Type Type, bool FromQuery)
{
    public bool IsId => Name.EndsWith("id", StringComparison.OrdinalIgnoreCase) || Name.Equals("brand", StringComparison.OrdinalIgnoreCase)
        || Name.Equals("user", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Every routable page handler of the portal, read from its endpoint data and its page models, so that a page added
/// tomorrow is swept by the security tests without anyone listing it.
/// </summary>
public static class PageCatalog
{
    public static IReadOnlyList<PageHandler> Discover(IServiceProvider services)
    {
        var routes = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()))
            .Where(x => x.Page is not null)
            .GroupBy(x => x.Page!.ViewEnginePath)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Endpoint.RoutePattern).OrderByDescending(p => p.Parameters.Count).ThenBy(p => p.RawText!.Length).First());

        var handlers = new List<PageHandler>();
        foreach (var model in typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract))
        {
            var path = PagePath(model);
            if (path is null || !routes.TryGetValue(path, out var pattern)) continue;
            var routeParameters = pattern.Parameters.Select(p => p.Name).ToList();
            var properties = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (Property: p, Bind: p.GetCustomAttribute<BindPropertyAttribute>(), Query: p.GetCustomAttribute<FromQueryAttribute>()))
                .Where(x => x.Bind is not null || x.Query is not null || x.Property.DeclaringType!.GetCustomAttribute<BindPropertiesAttribute>() is not null)
                .ToList();
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var m = System.Text.RegularExpressions.Regex.Match(method.Name, "^On(Get|Post)([A-Za-z0-9]*?)(Async)?$");
                if (!m.Success) continue;
                var verb = m.Groups[1].Value.ToUpperInvariant();
                var handler = m.Groups[2].Value.Length == 0 ? null : m.Groups[2].Value;
                var values = new List<BoundValue>();
                foreach (var (property, bind, query) in properties)
                {
                    if (routeParameters.Contains(property.Name, StringComparer.OrdinalIgnoreCase)) continue;
                    var name = query?.Name ?? bind?.Name ?? property.Name;
                    var forGet = query is not null || bind?.SupportsGet == true;
                    if (verb == "GET" && !forGet) continue;
                    values.Add(new BoundValue(name, property.PropertyType, verb == "GET"));
                }
                foreach (var p in method.GetParameters())
                {
                    if (p.ParameterType == typeof(CancellationToken) || routeParameters.Contains(p.Name!, StringComparer.OrdinalIgnoreCase)) continue;
                    var name = p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.GetCustomAttribute<FromFormAttribute>()?.Name ?? p.Name!;
                    values.Add(new BoundValue(name, p.ParameterType, verb == "GET"));
                }
                handlers.Add(new PageHandler(pattern.RawText!.TrimStart('/'), verb, handler, model, routeParameters, values));
            }
        }
        return handlers.OrderBy(h => h.Route).ThenBy(h => h.Verb).ThenBy(h => h.Handler).ToList();
    }

    /// <summary>BrandPortal.Web.Pages.Brands.Reviews.ContactModel → /Brands/Reviews/Contact.</summary>
    private static string? PagePath(Type model)
    {
        const string root = "BrandPortal.Web.Pages";
        if (model.Namespace is null || !model.Namespace.StartsWith(root, StringComparison.Ordinal) || !model.Name.EndsWith("Model", StringComparison.Ordinal)) return null;
        var folder = model.Namespace[root.Length..].Replace('.', '/');
        return $"{folder}/{model.Name[..^"Model".Length]}";
    }
}
