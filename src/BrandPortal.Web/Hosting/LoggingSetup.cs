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
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}",
                restrictedToMinimumLevel: builder.Environment.IsEnvironment("Testing") ? LogEventLevel.Warning : LogEventLevel.Verbose));
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
