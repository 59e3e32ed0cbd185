using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>Configuration section <c>Metrics</c>: who may read the Prometheus scrape endpoint.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";
    public const int MinTokenLength = 24;

    /// <summary>
    /// Addresses or CIDR ranges, separated by commas or spaces (<c>10.0.0.0/8, ::1</c>), whose connections may scrape
    /// without a token. Not set: loopback only. Set but empty: no address; the token is then the only way in.
    /// </summary>
    public string? AllowedAddresses { get; set; }

    /// <summary>A bearer token (<c>Authorization: Bearer …</c>) that lets a scraper in from any address. Not set: none.</summary>
    public string? Token { get; set; }

    public static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>The allowed networks; the entries that are not an address or a range go to <paramref name="invalid"/>.</summary>
    public IReadOnlyList<IPNetwork> Networks(out List<string> invalid)
    {
        invalid = [];
        if (AllowedAddresses is null) return Loopback;
        var networks = new List<IPNetwork>();
        foreach (var entry in AllowedAddresses.Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Contains('/') ? IPNetwork.TryParse(entry, out var range) : TrySingle(entry, out range)) networks.Add(range);
            else invalid.Add(entry);
        }
        return networks;
    }

    private static bool TrySingle(string entry, out IPNetwork network)
    {
        network = default;
        if (!IPAddress.TryParse(entry, out var address)) return false;
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions o)
    {
        var failures = new List<string>();
        o.Networks(out var invalid);
        if (invalid.Count > 0)
            failures.Add($"Metrics:AllowedAddresses holds {string.Join(", ", invalid.Select(i => $"\"{i}\""))}, which is not an IP address or a CIDR range (e.g. 10.0.0.0/8).");
        if (o.Token is { } token && (token.Length < MetricsOptions.MinTokenLength || token.Any(char.IsWhiteSpace)))
            failures.Add($"Metrics:Token must be at least {MetricsOptions.MinTokenLength} characters without spaces (e.g. `openssl rand -hex 24`), or not set.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// The gate in front of the Prometheus exporter at <see cref="Path"/>. A scraper gets in from an allowed address
/// (<c>Metrics:AllowedAddresses</c>, loopback by default) or with the bearer token (<c>Metrics:Token</c>); the portal's
/// own sign-in counts for nothing here. Anyone else gets 404, as for any address that does not exist: the answer does
/// not tell a scanner that there is something to guess a token for (403 would), and a wrong token looks the same as none.
/// A request relayed by a proxy (Forwarded, X-Forwarded-For…) comes from the proxy's address, so it needs the token.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void Guard(IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (Allows(context, context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value)) return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    });

    public static bool Allows(HttpContext context, MetricsOptions options)
    {
        if (options.Token is { Length: > 0 } token && BearerIs(context.Request, token)) return true;
        if (LocalDevelopmentOnlyFilter.RelayedByProxy(context.Request) || context.Connection.RemoteIpAddress is not { } address) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return options.Networks(out _).Any(n => n.Contains(address));
    }

    /// <summary>Compared in constant time (of the hashes), so the answer's timing does not spell the token out.</summary>
    private static bool BearerIs(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
