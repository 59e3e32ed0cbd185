using BrandPortal.Core.Api;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Api;

/// <summary><c>GET /api/v1/reviews</c> and <c>/api/v1/reviews/{id}</c>: the account's reviews (account keys with reviews:read).</summary>
public static class ReviewsEndpoints
{
    public static void MapApiReviews(this RouteGroupBuilder v1)
    {
        var reviews = v1.MapGroup("/reviews").RequireAuthorization(ApiAuth.Policy(ApiScopes.ReviewsRead));
        // reviews:read is also a platform key's scope (for the export): the list and one review stay account keys' only.
        reviews.MapGet("", ListAsync).RequireAuthorization(ApiAuth.AccountPolicy).WithName("ListReviews").Produces<ApiPage<ApiReview>>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Reviews of the brands associated with the account, filtered like the Customer Reviews page, one page at a time.")
            .WithDescription("The Customer Reviews page's filters: stars (repeatable, 1-5; 1-3 by default), brand (its id), period (30d, 90d, " +
                "12m, all), from and to (yyyy-MM-dd), contact (none, sent, replied), q, sort (newest, oldest, lowest), after (the next page's " +
                "cursor), and done: reviews the account marked as done are left out unless done=include (all) or done=only (done ones alone); topic: a topic of the dashboard's topics panel (language:stemmed phrase, such as en:lid leak).");
        reviews.MapGet("/export", ExportAsync).WithName("ExportReviews").Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Every review the key may read, as CSV streamed as it is read.")
            .WithDescription("An account key reads the reviews of the brands associated with its account; a platform key (with reviews:read) " +
                "reads every review. Columns: id, created_at (UTC), rating, title, body, verified_purchase, order_id, brand_id, brand_name, " +
                "asin, product_title; rows in the order the portal received the reviews. Optional filters: stars (repeatable, 1-5; all " +
                "by default), brand (its id), from and to (yyyy-MM-dd, inclusive). A million rows arrive in one response, without paging.");
        reviews.MapGet("/{id}", GetAsync).RequireAuthorization(ApiAuth.AccountPolicy).WithName("GetReview").Produces<ApiReview>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One review by its id (such as R1).");
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiReviewsService service, [FromQuery] string[]? stars, string? brand,
        string? period, string? from, string? to, string? contact, string? q, string? sort, string? after, string? done, string? topic, CancellationToken ct)
    {
        if (AccountOf(context) is not { } account) return AccountKeyNeeded();
        var (page, errors) = await service.ListAsync(account, new ApiReviewInput(stars ?? [], brand, period, from, to, contact, q, sort, after, done, topic), ct);
        return page is null ? ApiProblems.Validation(errors.Select(e => new ApiFieldError(e.Path, e.Message)).ToList()) : TypedResults.Ok(page);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, ApiReviewExport export, [FromQuery] string[]? stars, string? brand,
        string? from, string? to, CancellationToken ct)
    {
        var caller = ApiAuth.Caller(context);
        var account = caller is { Kind: ApiKeyKind.Account } ? caller.SellerAccountId ?? -1 : (long?)null;
        var (rows, errors) = await export.OpenAsync(account, new ApiReviewExportInput(stars ?? [], brand, from, to), ct);
        return rows is null
            ? ApiProblems.Validation(errors.Select(e => new ApiFieldError(e.Path, e.Message)).ToList())
            : new CsvStream("brandportal-reviews", (writer, token) => ApiReviewExport.WriteCsvAsync(writer, rows, token));
    }

    private static async Task<IResult> GetAsync(HttpContext context, ApiReviewsService service, string id, CancellationToken ct)
    {
        if (AccountOf(context) is not { } account) return AccountKeyNeeded();
        return await service.GetAsync(account, id, ct) is { } review ? TypedResults.Ok(review) : ApiProblems.NotFound("review");
    }

    internal static long? AccountOf(HttpContext context)
        => ApiAuth.Caller(context) is { Kind: ApiKeyKind.Account, SellerAccountId: { } account } ? account : null;

    internal static IResult AccountKeyNeeded()
        => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Account key needed", "This belongs to a seller account: use an account key.");
}
