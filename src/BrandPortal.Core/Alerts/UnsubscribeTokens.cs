using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Alerts;

/// <summary>
/// The signed, expiring token in a digest's unsubscribe link: it names the user and nothing else, and only the
/// portal's Data Protection keys (shared by every instance through PostgreSQL) can make or read one. Tampered,
/// expired or foreign tokens read as null.
/// </summary>
/// <remarks>
/// The expiry is written the way ASP.NET Core's time-limited protector writes it (its purpose, then the expiry's UTC
/// ticks big-endian before the text, base64url without padding), so links mailed before Core dropped the web
/// framework still open. That protector lives only in the web framework; Core keeps to the Data Protection package.
/// </remarks>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider, IOptions<AlertOptions> options, TimeProvider clock)
{
    private const string Purpose = "BrandPortal.Alerts.Unsubscribe.v1";
    private const string TimeLimitedPurpose = "Microsoft.AspNetCore.DataProtection.TimeLimitedDataProtector.v1";

    private IDataProtector Protector => provider.CreateProtector(Purpose).CreateProtector(TimeLimitedPurpose);

    public string Create(long userId)
    {
        var expires = clock.GetUtcNow() + options.Value.UnsubscribeLinkLifetime;
        var text = Encoding.UTF8.GetBytes(userId.ToString(CultureInfo.InvariantCulture));
        var payload = new byte[sizeof(ulong) + text.Length];
        BinaryPrimitives.WriteUInt64BigEndian(payload, (ulong)expires.UtcTicks);
        text.CopyTo(payload, sizeof(ulong));
        return Base64Url.EncodeToString(Protector.Protect(payload));
    }

    public long? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try
        {
            var payload = Protector.Unprotect(Base64Url.DecodeFromChars(token));
            if (payload.Length < sizeof(ulong)) return null;
            var expiresTicks = BinaryPrimitives.ReadUInt64BigEndian(payload);
            if (expiresTicks > (ulong)DateTimeOffset.MaxValue.UtcTicks) return null;
            if (new DateTimeOffset((long)expiresTicks, TimeSpan.Zero) < clock.GetUtcNow()) return null;
            var text = Encoding.UTF8.GetString(payload, sizeof(ulong), payload.Length - sizeof(ulong));
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
