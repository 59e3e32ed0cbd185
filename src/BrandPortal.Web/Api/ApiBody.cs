using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Api;

/// <summary>
/// The size limit of API request bodies (<c>Api:MaxRequestBodyBytes</c>): a declared length over it is refused at once,
/// and a body without one (chunked) is counted as it is read, so whatever reads it (an ingest, a model binder) fails at
/// the limit with a 413 before anything is done. Kestrel's own limit is set to the same figure.
/// </summary>
public static class ApiBody
{
    private const int Status = StatusCodes.Status413PayloadTooLarge;

    /// <summary>Applies the limit to an API request; false when its Content-Length is already over it.</summary>
    public static bool Limit(HttpContext context)
    {
        var max = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max) return false;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
        context.Request.Body = new LimitedStream(context.Request.Body, max);
        // Kept (in memory up to the limit) as it is read, so that an endpoint filter running after a model binder read
        // the body (the Idempotency-Key check) can read it again.
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            context.Request.EnableBuffering(bufferThreshold: (int)Math.Min(max, int.MaxValue));
        return true;
    }

    public static Task TooLargeAsync(HttpContext context)
    {
        var max = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        return ApiProblems.Write(context, Status, "Request body too large",
            $"A request body may be at most {max:N0} bytes; nothing was done. Send the records in smaller batches.");
    }

    public static bool IsTooLarge(Exception ex) => ex is BadHttpRequestException { StatusCode: Status };

    /// <summary>
    /// Refuses, with 415 and nothing done, a body that does not say it is JSON in UTF-8 (<c>application/json</c> or a
    /// <c>+json</c> type, charset absent or utf-8), for routes that read the raw body themselves rather than through
    /// a model binder, which would refuse it on its own. Add it before <see cref="ApiIdempotency.WithIdempotency{TBuilder}"/>
    /// so a refused body never takes an idempotency key.
    /// </summary>
    public static TBuilder RequireJsonBody<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
        => builder.AddEndpointFilter(async (invocation, next) => IsJson(invocation.HttpContext.Request.ContentType)
            ? await next(invocation)
            : ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The body must be JSON in UTF-8, sent as Content-Type: application/json; this request said \"{Describe(invocation.HttpContext.Request.ContentType)}\". Nothing was done."))
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static bool IsJson(string? contentType)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type) || type.MediaType.Value is not { } media) return false;
        var json = media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                   || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var charset = type.Charset.Value;
        return json && (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    private static string Describe(string? contentType)
        => string.IsNullOrEmpty(contentType) ? "nothing" : contentType.Length > 100 ? contentType[..100] + "…" : contentType;

    /// <summary>The whole body, read once per request (the idempotency check and the endpoint share it).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpContext context)
    {
        if (context.Items[typeof(ApiBody)] is ReadOnlyMemory<byte> read) return read;
        if (context.Request.Body.CanSeek) context.Request.Body.Position = 0;
        using var buffer = new MemoryStream(context.Request.ContentLength is { } length and < int.MaxValue ? (int)length : 4096);
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        ReadOnlyMemory<byte> body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        context.Items[typeof(ApiBody)] = body;
        return body;
    }

    private sealed class LimitedStream(Stream inner, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > max) throw new BadHttpRequestException($"The request body is larger than {max} bytes.", Status);
            return n;
        }
    }
}
