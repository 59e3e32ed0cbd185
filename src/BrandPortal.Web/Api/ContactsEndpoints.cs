using System.Globalization;
using BrandPortal.Core.Api;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Web.Api;

/// <summary><c>GET /api/v1/contacts</c>: the contacts the key's account sent (account keys with contacts:read).</summary>
public static class ContactsEndpoints
{
    public static void MapApiContacts(this RouteGroupBuilder v1)
        => v1.MapGet("/contacts", ListAsync).RequireAuthorization(ApiAuth.Policy(ApiScopes.ContactsRead))
            .WithName("ListContacts").Produces<ApiPage<ApiContact>>().ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("The contacts this account sent, by id; updatedSince keeps those changed since then.");

    private static async Task<IResult> ListAsync(HttpContext context, ApiContactsQuery contacts, string? updatedSince, string? after, CancellationToken ct)
    {
        var caller = ApiAuth.Caller(context);
        if (caller.Kind != ApiKeyKind.Account || caller.SellerAccountId is not { } account)
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Account key needed", "Contacts belong to a seller account: use an account key.");
        // The cursor is a review id (such as R0001): anything else, a NUL above all, never reaches the SQL.
        if (after is not null && (after.Length is 0 or > 100 || after.Any(char.IsControl)))
            return ApiProblems.Validation([new ApiFieldError("$.after", "Give the next value of a previous answer, or leave it out.")]);
        DateTimeOffset? since = null;
        if (updatedSince is not null)
        {
            if (!DateTimeOffset.TryParse(updatedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return ApiProblems.Validation([new ApiFieldError("$.updatedSince", "Give a date and time such as 2026-11-01T00:00:00Z.")]);
            since = parsed.ToUniversalTime();
        }
        return TypedResults.Ok(await contacts.PageAsync(account, since, after, ct));
    }
}
