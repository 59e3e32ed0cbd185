using System.Net;
using System.Net.Sockets;

namespace BrandPortal.Core.Webhooks;

/// <summary>
/// Where a webhook may be sent. BrandPortal posts to addresses its users type, so a target must be <c>https</c> and
/// must not reach the portal's own network: loopback, private, link-local, carrier-grade NAT, multicast and the
/// unspecified address are refused, for IPv4, IPv6 and IPv4-mapped IPv6. The check runs twice: on the URL when a
/// subscription is made (a clear message), and on the address actually connected to at each delivery (a name
/// that resolves elsewhere later is still refused). <c>Webhooks:AllowPrivateTargets</c> lifts both, and allows
/// <c>http</c>, for development and tests.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Null when <paramref name="url"/> may be subscribed; otherwise why not, in words for the user.</summary>
    public static async Task<string?> CheckUrlAsync(string? url, bool allowPrivateTargets, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Enter the URL that should receive the events.";
        if (url.Length > 2000) return "The URL is longer than 2,000 characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return "The URL is not a valid absolute URL.";
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivateTargets && uri.Scheme == Uri.UriSchemeHttp))
            return "The URL must start with https://.";
        if (uri.UserInfo.Length > 0) return "The URL must not contain a user name or password.";
        if (uri.Fragment.Length > 0) return "The URL must not contain a fragment (#…).";
        if (allowPrivateTargets) return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"The host {uri.Host} could not be found.";
        }
        if (addresses.Length == 0) return $"The host {uri.Host} could not be found.";
        return addresses.Any(IsForbidden)
            ? $"The host {uri.Host} is a loopback, private or link-local address; webhooks go to public https addresses only."
            : null;
    }

    /// <summary>True for an address a webhook must never be sent to.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast) || address.Equals(IPAddress.IPv6None)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal) return true;
            var b6 = address.GetAddressBytes();
            // 64:ff9b::/96 (NAT64) carries an IPv4 address in its last four bytes: judge that address.
            if (b6[0] == 0x00 && b6[1] == 0x64 && b6[2] == 0xff && b6[3] == 0x9b && b6[4..12].All(x => x == 0))
                return IsForbidden(new IPAddress(b6[12..]));
            return false;
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 => true,                                   // 0.0.0.0/8 "this network"
            10 => true,                                  // 10.0.0.0/8
            100 => b[1] >= 64 && b[1] <= 127,            // 100.64.0.0/10 carrier-grade NAT
            127 => true,                                 // loopback
            169 => b[1] == 254,                          // 169.254.0.0/16 link-local (cloud metadata)
            172 => b[1] >= 16 && b[1] <= 31,             // 172.16.0.0/12
            192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0), // 192.168.0.0/16, 192.0.0.0/24
            198 => b[1] == 18 || b[1] == 19,             // 198.18.0.0/15 benchmarking
            >= 224 => true,                              // multicast and reserved
            _ => false,
        };
    }
}
