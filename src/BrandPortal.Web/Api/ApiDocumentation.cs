using BrandPortal.Core.ApiKeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace BrandPortal.Web.Api;

/// <summary>The scopes a route checks itself (one per section of its body), for the document: its policy names none.</summary>
public sealed record ApiDocumentedScopes(IReadOnlyList<string> Scopes);

/// <summary>
/// The JSON a route reads from its body itself (to report every error by JSON path), for the document. Unlike
/// <c>Accepts</c>, it does not refuse another content type before the route: the route's own reader answers it.
/// </summary>
public sealed record ApiJsonBody(Type Type);

/// <summary>
/// The OpenAPI 3.1 document of <c>/api/v1</c>, generated from the mapped routes (<c>/api/v1/openapi.json</c>), and the
/// Scalar reference page that reads it (<c>/api/docs</c>). Each operation lists the scopes its policy requires.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/api/v1/openapi.json";
    public const string DocsPath = "/api/docs";
    private const string SchemeName = "bearer";

    public static void AddBrandPortalApiDocumentation(this IServiceCollection services) => services.AddOpenApi("v1", o =>
    {
        o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "BrandPortal API", Version = "v1",
                Description = "Seller accounts read their reviews and contacts; the marketplace's systems feed the portal. " +
                              "JSON in camelCase, external ids only. Errors are RFC 9457 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "bp_live_…",
                Description = $"An API key. Account keys: {string.Join(", ", ApiScopes.ForAccount)}. Platform keys: {string.Join(", ", ApiScopes.ForPlatform)}.",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer(async (operation, context, ct) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiJsonBody>().FirstOrDefault() is { } body)
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) } },
                };
            var scopes = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                .Select(a => a.Policy).Where(p => p?.StartsWith("api:", StringComparison.Ordinal) == true).Select(p => p!["api:".Length..])
                .Concat(context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiDocumentedScopes>().SelectMany(d => d.Scopes))
                .Distinct().ToList();
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiIdempotency.IdempotentEndpoint>().Any())
                (operation.Parameters ??= []).Add(new OpenApiParameter
                {
                    Name = ApiIdempotency.Header, In = ParameterLocation.Header, Required = false, Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                    Description = "Any unique value (a UUID): a repeat of the request with it replays the first answer for 24 hours (Idempotent-Replayed: true).",
                });
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes });
        });
    });

    public static void MapBrandPortalApiDocumentation(this WebApplication app)
    {
        // A fixed path: the one document (v1) is served without a route value to guess.
        // The framework's handler would also take the document's name from the query and echo an unknown one back.
        app.MapOpenApi(DocumentPath).AllowAnonymous()
            .AddEndpointFilter(async (context, next) => context.HttpContext.Request.Query.ContainsKey("documentName")
                ? ApiProblems.NotFound("document") : await next(context));
        app.MapScalarApiReference(DocsPath, o => o.WithTitle("BrandPortal API").WithOpenApiRoutePattern(DocumentPath).WithNonce())
            .AllowAnonymous();
    }
}
