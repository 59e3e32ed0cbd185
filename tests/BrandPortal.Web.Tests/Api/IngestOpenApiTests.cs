using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>The ingest routes in /api/v1/openapi.json: request and answer schemas, scopes, errors and the Idempotency-Key header.</summary>
public sealed class IngestOpenApiTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<OpenApiDocument> DocumentAsync()
    {
        var response = await portal.Factory.NewClient().Http.GetAsync("/api/v1/openapi.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return OpenApiDocument.Parse(await response.Content.ReadAsStringAsync(), "json", new OpenApiReaderSettings()).Document!;
    }

    private static List<string> Scopes(OpenApiOperation operation) => operation.Security!.SelectMany(s => s.Values.SelectMany(v => v)).ToList();

    [Theory]
    [InlineData("sellers", "catalog:write")]
    [InlineData("brands", "catalog:write")]
    [InlineData("customers", "catalog:write")]
    [InlineData("products", "catalog:write")]
    [InlineData("orders", "orders:write")]
    [InlineData("reviews", "reviews:write")]
    public async Task Document_PutOfASection_HasItsSchemaScopeAndErrors(string section, string scope)
    {
        var document = await DocumentAsync();

        var put = document.Paths[$"/api/v1/{section}/{{id}}"].Operations!.Single(o => o.Key == HttpMethod.Put).Value;

        Scopes(put).Should().Equal(scope);
        put.RequestBody!.Content!.Should().ContainKey("application/json");
        put.RequestBody.Content!["application/json"].Schema.Should().NotBeNull();
        put.Responses!.Keys.Should().Contain(["200", "201", "400", "401", "403", "413", "429"]);
        put.Responses["201"].Content!["application/json"].Schema.Should().NotBeNull();
    }

    [Fact]
    public async Task Document_Import_NamesEveryWriteScopeTheIdempotencyKeyAndItsErrors()
    {
        var document = await DocumentAsync();

        var import = document.Paths["/api/v1/import"].Operations!.Single(o => o.Key == HttpMethod.Post).Value;

        Scopes(import).Should().BeEquivalentTo("catalog:write", "orders:write", "reviews:write");
        import.Parameters!.Should().Contain(p => p.Name == "Idempotency-Key" && p.In == ParameterLocation.Header);
        import.RequestBody!.Content!["application/json"].Schema.Should().NotBeNull();
        import.Responses!.Keys.Should().Contain(["200", "400", "401", "403", "409", "413", "422", "429"]);
    }
}
