using BrandPortal.Core;

namespace BrandPortal.Web.Api;

/// <summary>One bad field of a request: where (a JSON path such as <c>$.stars</c>) and what is wrong.</summary>
public sealed record ApiFieldError(string Path, string Message);

/// <summary>
/// Every API error is RFC 9457 <c>application/problem+json</c>: a status, a title, a detail in words, and for a
/// validation error every bad field by JSON path. A Core <see cref="Outcome"/> becomes one here, so the API and the
/// pages answer the same refusal in the same words.
/// </summary>
public static class ApiProblems
{
    public static IResult Problem(int status, string title, string? detail, Dictionary<string, object?>? extensions = null)
        => TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);

    public static Task Write(HttpContext context, int status, string title, string? detail, Dictionary<string, object?>? extensions = null)
        => Problem(status, title, detail, extensions).ExecuteAsync(context);

    public static IResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "Not found", $"There is no {what} with this id for this key.");

    /// <summary>400 listing every bad field; nothing was done.</summary>
    public static IResult Validation(IReadOnlyList<ApiFieldError> errors)
        => Problem(StatusCodes.Status400BadRequest, "Invalid request", $"{errors.Count} field(s) are not valid; nothing was done.",
            new() { ["errors"] = errors });

    /// <summary>A service's answer to a change: 204 when done (or <paramref name="done"/>), otherwise the matching problem.</summary>
    public static IResult From(Outcome outcome, Func<IResult>? done = null) => outcome.Kind switch
    {
        OutcomeKind.Done => done?.Invoke() ?? TypedResults.NoContent(),
        OutcomeKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", "There is no such object for this key."),
        OutcomeKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", "This key may not make this change."),
        OutcomeKind.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", outcome.Message),
        _ => Problem(StatusCodes.Status400BadRequest, "Refused", outcome.Message, outcome.Reasons.Count == 0 ? null
            : new() { ["errors"] = outcome.Reasons.Select(r => new { code = r.Code, title = r.Title, detail = r.Detail }).ToList() }),
    };
}
