using System.Reflection;
using System.Text.RegularExpressions;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// The sweeps are only as complete as <see cref="PageCatalog"/>: every endpoint the running portal routes to (each page
/// and each of its handler methods, found here by ASP.NET Core's own On{Verb}{Name} convention on the compiled page, and
/// every other endpoint such as the health checks) must be in it.
/// </summary>
public sealed class PageCatalogTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Catalog_ComparedWithTheAppsEndpoints_MissesNone()
    {
        var catalog = PageCatalog.Discover(portal.Factory.Services);
        var services = portal.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var missing = new List<string>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.ToList();
        foreach (var endpoint in endpoints)
        {
            if (endpoint is not RouteEndpoint route) { missing.Add($"{endpoint.DisplayName}: not a route endpoint"); continue; }
            var raw = route.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var type = compiled.HandlerTypeInfo.AsType();
                var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .Select(m => Regex.Match(m.Name, "^On(Get|Post|Put|Delete|Patch)(.*?)(Async)?$")).Where(m => m.Success)
                    .Select(m => (Verb: m.Groups[1].Value.ToUpperInvariant(), Handler: m.Groups[2].Value.Length == 0 ? null : m.Groups[2].Value))
                    .Distinct().ToList();
                if (methods.Count == 0) methods.Add(("GET", null)); // a page without a model, or without handlers, renders on GET
                foreach (var (verb, handler) in methods)
                    if (!catalog.Any(h => h.PagePath == page.ViewEnginePath && h.Verb == verb && h.Handler == handler))
                        missing.Add($"{verb} /{raw}{(handler is null ? "" : $"?handler={handler}")} ({page.ViewEnginePath})");
            }
            else
            {
                var verbs = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                foreach (var verb in verbs)
                    if (!catalog.Any(h => !h.IsPage && h.Route == raw && h.Verb == verb)) missing.Add($"{verb} /{raw} ({endpoint.DisplayName})");
            }
        }
        output.WriteLine($"{endpoints.Count} endpoints, {catalog.Count} catalogued handlers:\n{string.Join("\n", catalog)}");
        missing.Should().BeEmpty("every endpoint of the portal is swept");
        // The ones that escaped before: pages without a conventionally named model, and endpoints that are not pages.
        catalog.Should().Contain(h => h.Route == "Help" && h.Verb == "GET");
        catalog.Should().Contain(h => h.Route == "Account/AccessDenied" && h.Verb == "GET");
        catalog.Should().Contain(h => h.Route == "health/live" && !h.IsPage);
        catalog.Should().Contain(h => h.Route == "Account/Logout" && h.Verb == "POST");
        catalog.Should().Contain(h => h.Route == "Account/Login" && h.Verb == "POST");
        catalog.Should().Contain(h => h.Route == "Brands" && h.Verb == "GET" && h.Values.Any(v => v.Name == "brand" && v.IsId));
    }

    /// <summary>
    /// Endpoints that act for no account, so no other account's object can be named to them. /metrics is the operator's:
    /// it takes no ids, answers only an allowed address or the scrape token whoever is signed in (MetricsTests), and its
    /// tags name no account.
    /// </summary>
    private static bool ForNoAccount(PageHandler h) => h.Route.StartsWith("Account/", StringComparison.Ordinal)
        || h.Route.StartsWith("health/", StringComparison.Ordinal) || h.Route.StartsWith("api/docs", StringComparison.Ordinal)
        || h.Route == "metrics";

    [Fact]
    public void Catalog_EveryEndpoint_IsInAnIsolationSweepOrActsForNoAccount()
    {
        var catalog = PageCatalog.Discover(portal.Factory.Services);

        var outside = catalog.Where(h => !TenantIsolationSweepTests.Sweeps(h) && !ApiCalls.Table.ContainsKey($"{h.Verb} /{h.Route.Trim('/')}") && !ForNoAccount(h));

        outside.Select(h => h.ToString()).Should().BeEmpty("every endpoint is tried with another account's objects: pages by the page sweep, /api/v1 by the API sweep");
        catalog.Where(h => ApiCalls.IsApi(h.Route)).Should().NotBeEmpty().And.OnlyContain(h => ApiCalls.Table.ContainsKey($"{h.Verb} /{h.Route.Trim('/')}"));
    }

    [Fact]
    public void Catalog_ReviewsFilter_ShowsEveryInputItReads()
    {
        var catalog = PageCatalog.Discover(portal.Factory.Services);
        foreach (var handler in new[] { (string?)null, "Csv" })
        {
            var reviews = catalog.Single(h => h.Route == "Brands/Reviews" && h.Verb == "GET" && h.Handler == handler);
            reviews.Values.Select(v => v.Name).Should().BeEquivalentTo(["Stars", "Brand", "Period", "From", "To", "Contact", "Q", "Sort", "After", "Done", "Assignee", "Topic"]);
            reviews.Values.Where(v => v.IsDate).Select(v => v.Name).Should().Contain(["From", "To"]);
        }
    }
}
