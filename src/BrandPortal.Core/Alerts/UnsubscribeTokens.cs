using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Alerts;

/// <summary>
/// The signed, expiring token in a digest's unsubscribe link: it names the user and nothing else, and only the
/// portal's Data Protection keys (shared by every instance through PostgreSQL) can make or read one. Tampered,
/// expired or foreign tokens read as null.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider, IOptions<AlertOptions> options, TimeProvider clock)
{
    private const string Purpose = "BrandPortal.Alerts.Unsubscribe.v1";

    private ITimeLimitedDataProtector Protector => provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string Create(long userId)
        => Protector.Protect(userId.ToString(CultureInfo.InvariantCulture), clock.GetUtcNow() + options.Value.UnsubscribeLinkLifetime);

    public long? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try
        {
            var text = Protector.Unprotect(token, out var expires);
            if (expires < clock.GetUtcNow()) return null;
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
