using System.Diagnostics;

namespace BrandPortal.Core.Telemetry;

/// <summary>
/// BrandPortal's own spans, for the work no request starts. An <see cref="ActivitySource"/> has no factory as a meter
/// has: it is static, and costs nothing while no tracer listens to it.
/// </summary>
public static class BrandPortalTracing
{
    public const string SourceName = "BrandPortal";

    public static readonly ActivitySource Source = new(SourceName);
}
