using System.Security.Cryptography;
using System.Text;
using BrandPortal.Core.Api;

namespace BrandPortal.Web.Api;

/// <summary>
/// <c>Idempotency-Key</c> for any API POST (Stripe's semantics): the first successful answer is kept per API key and
/// replayed for 24 hours with <c>Idempotent-Replayed: true</c>; the same key with another body or route is 422; a
/// repeat while the first is still running is 409. A refused or failed request keeps nothing, so a corrected retry
/// may reuse its key. Add it to a route with <see cref="WithIdempotency{TBuilder}"/>.
/// </summary>
public static class ApiIdempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(FilterAsync)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new IdempotentEndpoint());

    /// <summary>Marks a route that takes the header (the OpenAPI document describes it there).</summary>
    public sealed class IdempotentEndpoint;

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(Header, out var values)) return await next(invocation);
        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > 255 || key.Any(c => c is < ' ' or > '~'))
            return ApiProblems.Validation([new ApiFieldError(Header, "must be 1 to 255 printable ASCII characters, such as a UUID")]);

        var body = await ApiBody.ReadAsync(http);
        var store = http.RequestServices.GetRequiredService<ApiIdempotencyStore>();
        var begin = await store.BeginAsync(ApiAuth.Caller(http).KeyId, key, $"{http.Request.Method} {http.Request.Path}", SHA256.HashData(body.Span),
            http.RequestAborted);
        switch (begin.State)
        {
            case IdempotencyState.Replay:
                return new Replay(begin.Answer!);
            case IdempotencyState.Mismatch:
                return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                    $"This {Header} was used with another request (another route or body); use a new key for a new request.");
            case IdempotencyState.InProgress:
                return ApiProblems.Problem(StatusCodes.Status409Conflict, "Request in progress",
                    $"A request with this {Header} is still running; retry after it has finished.");
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        try
        {
            var result = await next(invocation);
            http.Response.Body = captured;
            try
            {
                await (result as IResult ?? TypedResults.Ok(result)).ExecuteAsync(http);
            }
            finally
            {
                http.Response.Body = original;
            }
        }
        catch
        {
            await store.AbandonAsync(begin.RecordId, CancellationToken.None);
            throw;
        }
        var status = http.Response.StatusCode;
        if (status < 400)
            await store.CompleteAsync(begin.RecordId, status, http.Response.ContentType ?? "", Encoding.UTF8.GetString(captured.GetBuffer(), 0, (int)captured.Length),
                http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, CancellationToken.None);
        else
            await store.AbandonAsync(begin.RecordId, CancellationToken.None);
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>The kept answer, as it was first sent, marked as a replay.</summary>
    private sealed class Replay(Core.Data.Entities.ApiIdempotencyRecord answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = answer.StatusCode;
            context.Response.Headers[ReplayedHeader] = "true";
            if (answer.Location is not null) context.Response.Headers.Location = answer.Location;
            if (answer.ContentType.Length > 0) context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.ResponseBody, context.RequestAborted);
        }
    }
}
