using Serilog;
using Serilog.Events;

namespace BrandPortal.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Structured console logging, one line per request. The logger is built per host (not a frozen bootstrap
    /// logger) so that several portal hosts can live in one process, as in the tests.
    /// </summary>
    public static void AddBrandPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            // The console is written by one background thread: a request hands its line over instead of taking the
            // console's lock and writing synchronously (profiled under load as lock contention on every request). A
            // burst beyond the buffer blocks the request rather than dropping lines.
            .WriteTo.Async(a => a.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}",
                restrictedToMinimumLevel: builder.Environment.IsEnvironment("Testing") ? LogEventLevel.Warning : LogEventLevel.Verbose),
                blockWhenFull: true));
    }

    public static void UseBrandPortalRequestLogging(this WebApplication app)
        => app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "{RequestMethod} {RequestPath} {StatusCode} in {Elapsed:0.0} ms";
            // A client that went away mid-request is not a server error.
            o.GetLevel = (ctx, _, ex) => ClientDisconnect.Token(ctx).IsCancellationRequested ? LogEventLevel.Information
                : ex is not null || ctx.Response.StatusCode >= 500 ? LogEventLevel.Error
                : ctx.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug : LogEventLevel.Information;
            o.EnrichDiagnosticContext = (diag, ctx) =>
            {
                if (ctx.User.Identity?.IsAuthenticated == true) diag.Set("UserId", ctx.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
            };
        });
}
