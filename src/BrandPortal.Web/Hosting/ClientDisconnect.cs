namespace BrandPortal.Web.Hosting;

/// <summary>
/// Requests run to completion when their client goes away; only streamed downloads stop. Passing the client's
/// disconnect (HttpContext.RequestAborted) into a database call makes Npgsql cancel the statement, and Npgsql
/// cancels by opening a second connection to PostgreSQL and waiting, synchronously, on the thread that raised the
/// disconnect, up to its Cancellation Timeout (2 s). When a load balancer, a browser or a benchmark drops 32
/// connections at once, 32 thread-pool threads block that way and every other request waits for the pool to grow:
/// bench/run saw all 32 connections time out together (page_1, 2026-11-30 03:46Z: the dropped requests ended after
/// 1.4-3.4 s with OperationCanceledException in NpgsqlCommand.ExecuteReader, and nothing else completed meanwhile).
/// A page's statements take milliseconds, far less than cancelling them costs; so handlers see a token that is never
/// cancelled, and the real one stays available to the few answers that stream for long (<see cref="Token"/>).
/// </summary>
public static class ClientDisconnect
{
    private sealed class Feature(CancellationToken token)
    {
        public CancellationToken Token { get; } = token;
    }

    /// <summary>The client's own disconnect token, for answers that stream for long (CSV exports).</summary>
    public static CancellationToken Token(HttpContext context) => context.Features.Get<Feature>()?.Token ?? context.RequestAborted;

    public static IApplicationBuilder UseRequestsRunToCompletion(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Features.Set(new Feature(context.RequestAborted));
        context.RequestAborted = CancellationToken.None;
        return next(context);
    });
}
