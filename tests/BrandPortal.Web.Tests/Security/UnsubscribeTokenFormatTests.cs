using System.Globalization;
using BrandPortal.Core.Alerts;
using FluentAssertions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Core writes unsubscribe tokens without the web framework's time-limited protector; the links mailed before that
/// change must still open, and the framework must read Core's tokens the same way. Kept here because only the web
/// project carries that protector.
/// </summary>
public sealed class UnsubscribeTokenFormatTests
{
    private const string Purpose = "BrandPortal.Alerts.Unsubscribe.v1";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();
    private readonly FakeTimeProvider _clock = new(Now);

    private UnsubscribeTokens Tokens() => new(_keys, Options.Create(new AlertOptions()), _clock);

    private ITimeLimitedDataProtector Framework() => _keys.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    [Fact]
    public void Read_TokenMadeByTheFrameworkProtector_NamesTheUser()
    {
        var token = Framework().Protect("4711", Now.AddDays(1));
        Tokens().Read(token).Should().Be(4711);
    }

    [Fact]
    public void Read_FrameworkTokenPastItsExpiry_IsNull()
    {
        var token = Framework().Protect("4711", Now.AddDays(1));
        _clock.Advance(TimeSpan.FromDays(2));
        Tokens().Read(token).Should().BeNull();
    }

    [Fact]
    public void Create_TokenReadByTheFrameworkProtector_HasTheUserAndTheLinkLifetime()
    {
        var token = Tokens().Create(4711);
        Framework().Unprotect(token, out var expires).Should().Be(4711.ToString(CultureInfo.InvariantCulture));
        expires.Should().Be(Now + new AlertOptions().UnsubscribeLinkLifetime);
    }
}
