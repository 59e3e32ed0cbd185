using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.Extensions.Options;
using Xunit;

namespace BrandPortal.Web.Tests.Hosting;

public sealed class ConfigurationTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData("Smtp:Port", "70000", "Smtp:Port")]
    [InlineData("Smtp:From", "not an address", "Smtp:From")]
    [InlineData("Smtp:UserName", "someone", "Smtp:UserName and Smtp:Password")]
    [InlineData("Portal:BaseUrl", "ftp://example.com", "Portal:BaseUrl")]
    [InlineData("Metrics:AllowedAddresses", "10.0.0.0/8, intranet", "Metrics:AllowedAddresses")]
    [InlineData("Metrics:Token", "short", "Metrics:Token")]
    [InlineData("Topics:RefreshInterval", "00:00:00.010", "Topics:RefreshInterval")]
    public void Start_WithInvalidOption_StopsWithMessageNamingTheKey(string key, string value, string named)
    {
        using var factory = new PortalFactory(portal.ConnectionString, portal.Smtp, settings: new Dictionary<string, string?> { [key] = value });
        var start = () => factory.CreateClient();
        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    [Fact]
    public void Start_WithUnknownSmtpSecurity_StopsNamingTheKey()
    {
        using var factory = new PortalFactory(portal.ConnectionString, portal.Smtp, settings: new Dictionary<string, string?> { ["Smtp:Security"] = "Maybe" });
        var start = () => factory.CreateClient();
        start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Smtp:Security");
    }
}
