using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>/api/v1/openapi.json describes every mapped /api route, its scopes and its errors; /api/docs renders it.</summary>
public sealed class OpenApiDocumentTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<OpenApiDocument> DocumentAsync()
    {
        var response = await portal.Factory.NewClient().Http.GetAsync("/api/v1/openapi.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("\"openapi\": \"3.1");
        var result = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        result.Diagnostic!.Errors.Should().BeEmpty();
        return result.Document!;
    }

    /// <summary>Every route the portal maps under /api (from the endpoint data, not a list), except the document and its page: a route hidden from the document fails too.</summary>
    private IReadOnlyList<(string Method, string Path)> MappedApiRoutes()
    {
        var endpoints = portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            .Where(e => !e.RoutePattern.RawText!.Contains("openapi.json") && !e.RoutePattern.RawText.Contains("api/docs"))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .ToList();
    }

    [Fact]
    public async Task Document_EveryMappedApiRoute_IsDescribedWithItsScopesAndErrors()
    {
        var document = await DocumentAsync();
        var routes = MappedApiRoutes();

        routes.Should().Contain(("GET", "/api/v1/reviews")).And.Contain(("GET", "/api/v1/reviews/{id}")).And.Contain(("GET", "/api/v1/contacts"));
        foreach (var (method, path) in routes)
        {
            document.Paths.Should().ContainKey(path, $"{method} {path} is mapped");
            var operation = document.Paths[path].Operations!.Single(o => o.Key.Method == method).Value;
            operation.Security.Should().NotBeNullOrEmpty($"{method} {path} needs a key");
            operation.Security!.SelectMany(s => s.Values.SelectMany(v => v)).Should().NotBeEmpty($"{method} {path} names its scope");
            operation.Responses!.Keys.Should().Contain(["401", "403", "429"]);
        }
        document.Components!.SecuritySchemes.Should().ContainKey("bearer");
    }

    [Fact]
    public async Task Document_ReviewsList_NamesReviewsReadAndDescribesTheItems()
    {
        var document = await DocumentAsync();

        var list = document.Paths["/api/v1/reviews"].Operations!.Single(o => o.Key == HttpMethod.Get).Value;

        list.Security!.SelectMany(s => s.Values.SelectMany(v => v)).Should().Contain("reviews:read");
        list.Responses!.Keys.Should().Contain(["200", "400"]);
        list.Parameters!.Select(p => p.Name).Should().Contain(["stars", "brand", "period", "from", "to", "contact", "q", "sort", "after"]);
    }

    [Fact]
    public async Task Docs_ReferencePage_LoadsWithANoncedScript()
    {
        var response = await portal.Factory.NewClient().Http.GetAsync("/api/docs/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("'nonce-");
        (await response.Content.ReadAsStringAsync()).Should().Contain("nonce=");
    }
}
