using BrandPortal.Core.Api;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Import;

namespace BrandPortal.Web.Api;

/// <summary>
/// The platform's ingest: <c>PUT /api/v1/{section}/{id}</c> upserts one record, <c>POST /api/v1/import</c> a whole
/// import file. Both go through the import's own reader and appliers (<see cref="ApiIngestService"/>), so the API
/// validates and stores exactly what the CLI's import does. Platform keys only; users are not ingested.
/// </summary>
public static class IngestEndpoints
{
    public static void MapApiIngest(this RouteGroupBuilder v1)
    {
        Put<ApiSellerRecord>(v1, ImportSection.Sellers, "PutSeller", "A seller account by its id (such as S1).");
        Put<ApiBrandRecord>(v1, ImportSection.Brands, "PutBrand", "A brand by its id, with the seller accounts that may sell it.");
        Put<ApiCustomerRecord>(v1, ImportSection.Customers, "PutCustomer", "A customer by its id; a new customer needs a password to sign in to the Message Center.");
        Put<ApiProductRecord>(v1, ImportSection.Products, "PutProduct", "A product by its ASIN.");
        Put<ApiOrderRecord>(v1, ImportSection.Orders, "PutOrder", "An order by its id, with its items.");
        Put<ApiReviewRecord>(v1, ImportSection.Reviews, "PutReview", "A review by its id; a changed rating, title or body keeps the earlier version.");
        v1.MapPost("/import", ImportAsync).WithName("Import").RequireAuthorization(ApiAuth.PlatformPolicy).RequireJsonBody().WithIdempotency()
            .WithMetadata(new ApiJsonBody(typeof(ApiImportFile))).Produces<ApiImportCounts>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new ApiDocumentedScopes([ApiScopes.CatalogWrite, ApiScopes.OrdersWrite, ApiScopes.ReviewsWrite]))
            .WithSummary("A whole import file, validated and applied all or nothing like the command line's import; answers the counts applied.")
            .WithDescription("Needs the scope of every section the file holds: catalog:write for sellers, brands, customers and products, " +
                             "orders:write for orders, reviews:write for reviews. A users section is refused. Validation errors list every bad field by JSON path.");
    }

    private static void Put<TRecord>(RouteGroupBuilder v1, ImportSection section, string name, string summary) where TRecord : notnull
    {
        var path = section.ToString().ToLowerInvariant();
        v1.MapPut($"/{path}/{{id}}", (HttpContext context, ApiIngestService service, string id, CancellationToken ct) => PutAsync(context, service, section, id, ct))
            .RequireAuthorization(ApiAuth.Policy(ApiIngestService.ScopeFor(section)!)).RequireJsonBody().WithName(name)
            .WithMetadata(new ApiJsonBody(typeof(TRecord))).Produces<TRecord>(StatusCodes.Status200OK).Produces<TRecord>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary(summary)
            .WithDescription("The body is one record of the import format; its id may be left out, and one that differs from the URL's is refused. " +
                             "201 when the record is new (with Location), 200 when it was updated or unchanged; the answer is the record as stored.");
    }

    private static async Task<IResult> PutAsync(HttpContext context, ApiIngestService service, ImportSection section, string id, CancellationToken ct)
    {
        if (ApiAuth.Caller(context).Kind != ApiKeyKind.Platform) return PlatformKeyNeeded();
        var result = await service.PutAsync(section, id, await ApiBody.ReadAsync(context), ct);
        if (result.Errors.Count > 0) return Invalid(result.Errors);
        return result.Created
            ? TypedResults.Created($"/api/v1/{section.ToString().ToLowerInvariant()}/{Uri.EscapeDataString(id)}", result.Stored)
            : TypedResults.Ok(result.Stored);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, ApiIngestService service, CancellationToken ct)
    {
        var caller = ApiAuth.Caller(context);
        if (caller.Kind != ApiKeyKind.Platform) return PlatformKeyNeeded();
        var result = await service.ImportAsync(await ApiBody.ReadAsync(context), caller.Scopes, ct);
        if (result.MissingScopes.Count > 0)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{string.Join(' ', result.MissingScopes)}\"";
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Missing scope",
                $"This file holds sections this key may not send; it lacks {string.Join(", ", result.MissingScopes)}. Nothing was done.",
                new() { ["missingScopes"] = result.MissingScopes });
        }
        return result.Applied is { } counts ? TypedResults.Ok(counts) : Invalid(result.Errors);
    }

    private static IResult Invalid(IReadOnlyList<ImportError> errors) => ApiProblems.Validation(errors.Select(e => new ApiFieldError(e.Path, e.Message)).ToList());

    private static IResult PlatformKeyNeeded()
        => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Platform key needed", "Only the marketplace's platform keys feed the portal.");
}
