using System.Diagnostics.Metrics;
using BrandPortal.Core.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// OpenTelemetry metrics and traces (README, "Metrics and traces"): ASP.NET Core, the webhooks' HttpClient, Npgsql, the
/// .NET runtime and BrandPortal's own meter. Metrics are scraped at /metrics (see <see cref="MetricsEndpoint"/>); both
/// signals go to an OTLP collector when, and only when, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other
/// standard <c>OTEL_*</c> variables, such as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> or <c>OTEL_SERVICE_NAME</c>, apply then).
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "brandportal";

    /// <summary>
    /// The runtime's own meter (GC, thread pool, lock contention, exceptions), built into .NET 9 and later: the
    /// OpenTelemetry.Instrumentation.Runtime package would only repeat it.
    /// </summary>
    private const string RuntimeMeter = "System.Runtime";

    public static void AddBrandPortalTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();

        var telemetry = builder.Services.AddOpenTelemetry()
            // The environment detector last: OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the default name.
            .ConfigureResource(r => r.AddService(ServiceName).AddEnvironmentVariableDetector())
            .WithMetrics(metrics => metrics
                .AddMeter(BrandPortalMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(RuntimeMeter)
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 1000));
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, b) => b.AddView(OnlyThisHost(services.GetRequiredService<IMeterFactory>())));
        if (!OtlpConfigured(builder.Configuration))
        {
            builder.Services.AddHostedService<RequestActivities>();
            return;
        }

        // Spans only when a collector receives them: otherwise every request and every database command would build
        // span objects for nobody. Log lines keep their trace id either way (RequestActivities without a collector;
        // an incoming traceparent is honoured).
        telemetry.WithTracing(tracing => tracing
                .AddSource(BrandPortalTracing.SourceName)
                // Scrapes and health probes every few seconds would bury the requests worth looking at.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .ConfigureSampler((_, chosen) => new NoLoneClientSpans(chosen)))
            .UseOtlpExporter();
    }

    /// <summary>
    /// Off unless an OTLP endpoint is configured: without one the exporter would try localhost:4317 and log its failures.
    /// Environment variables are part of the configuration, so this reads <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
    /// </summary>
    public static bool OtlpConfigured(IConfiguration configuration)
        => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsEndpoint.Path);

    /// <summary>
    /// Meters made by another host's <see cref="IMeterFactory"/> (several portal hosts in one process, as in the tests)
    /// are left out: OpenTelemetry subscribes by meter name, which would otherwise show one host the counters of all.
    /// Meters of no factory (the runtime's, Npgsql's) are process-wide and stay in.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory own)
        => instrument => instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, own) ? MetricStreamConfiguration.Drop : null;

    public static void MapBrandPortalMetrics(this WebApplication app)
        => app.MapPrometheusScrapingEndpoint(MetricsEndpoint.Path, meterProvider: null, MetricsEndpoint.Guard, optionsName: null);
}

/// <summary>
/// Leaves out a database command or an HTTP call that belongs to no request or job: the background jobs poll every
/// second on every instance, and each poll would otherwise be a trace of one span. Everything else is decided by the
/// sampler the SDK chose (<c>OTEL_TRACES_SAMPLER</c>, or parent-based always-on).
/// </summary>
public sealed class NoLoneClientSpans(Sampler chosen) : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters parameters)
        => parameters.Kind == System.Diagnostics.ActivityKind.Client && parameters.ParentContext.TraceId == default
            ? new SamplingResult(SamplingDecision.Drop)
            : chosen.ShouldSample(parameters);
}

/// <summary>
/// Without a collector, a listener that asks ASP.NET Core for each request's activity with its ids only
/// (<see cref="System.Diagnostics.ActivitySamplingResult.PropagationData"/>: no tags, no span recorded), so that every
/// log line of a request carries its trace id and an incoming <c>traceparent</c> is continued. ASP.NET Core otherwise
/// starts that activity only when something listens — its own logging did in some configurations and not in others,
/// so log lines had a trace id or not depending on what else ran in the process.
/// </summary>
public sealed class RequestActivities : IHostedService, IDisposable
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";
    private System.Diagnostics.ActivityListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == AspNetCoreSource,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.PropagationData,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
    }
}
