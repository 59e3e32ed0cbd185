using Serilog;
using Serilog.Events;

namespace BrandPortal.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>The console line: the trace and span ids are among the properties (<see cref="TraceIdEnricher"/>).</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>
    /// Structured console logging, one line per request. The logger is built per host (not a frozen bootstrap
    /// logger) so that several portal hosts can live in one process, as in the tests.
    /// </summary>
    public static void AddBrandPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<TraceIdEnricher>()
            // Sinks and enrichers registered as services join in (the tests read the log this way).
            .ReadFrom.Services(services)
            // The console is written by one background thread: a request hands its line over instead of taking the
            // console's lock and writing synchronously (profiled under load as lock contention on every request). A
            // burst beyond the buffer blocks the request rather than dropping lines.
            .WriteTo.Async(a => a.Console(outputTemplate: ConsoleTemplate,
                restrictedToMinimumLevel: builder.Environment.IsEnvironment("Testing") ? LogEventLevel.Warning : LogEventLevel.Verbose),
                blockWhenFull: true));
    }

    public static void UseBrandPortalRequestLogging(this WebApplication app)
        => app.UseSerilogRequestLogging(o =>
        {
            // This host's logger, not Serilog's static one: with several hosts in a process (the tests) the static
            // logger is the last host's, and this host's request lines would be written, and captured, by another.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "{RequestMethod} {RequestPath} {StatusCode} in {Elapsed:0.0} ms";
            // A client that went away mid-request is not a server error.
            o.GetLevel = (ctx, _, ex) => ClientDisconnect.Token(ctx).IsCancellationRequested ? LogEventLevel.Information
                : ex is not null || ctx.Response.StatusCode >= 500 ? LogEventLevel.Error
                : TelemetrySetup.IsProbe(ctx.Request.Path) ? LogEventLevel.Debug : LogEventLevel.Information;
            o.EnrichDiagnosticContext = (diag, ctx) =>
            {
                if (ctx.User.Identity?.IsAuthenticated == true) diag.Set("UserId", ctx.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
            };
        });
}

/// <summary>
/// Puts the trace and span of the current activity (the request's, or a background job's) on every log event as the
/// properties TraceId and SpanId: they show in the console line and in any structured sink, so a line can be found
/// from a trace in the collector and the other way round. Events outside any activity get neither.
/// </summary>
public sealed class TraceIdEnricher : Serilog.Core.ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory factory)
    {
        // Serilog takes them from Activity.Current when the event is made, on the thread that logged.
        if (logEvent.TraceId is not { } trace) return;
        logEvent.AddPropertyIfAbsent(factory.CreateProperty("TraceId", trace.ToHexString()));
        if (logEvent.SpanId is { } span) logEvent.AddPropertyIfAbsent(factory.CreateProperty("SpanId", span.ToHexString()));
    }
}
