using System.Diagnostics;
using System.Net;
using BrandPortal.Web.Hosting;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Trace;
using Xunit;

namespace BrandPortal.Web.Tests.Hosting;

/// <summary>Who <see cref="MetricsEndpoint"/> lets in, decided on a request alone; and which spans are kept.</summary>
public sealed class MetricsAccessTests
{
    private const string Token = "a-scrape-token-of-enough-length";

    private static HttpContext Request(string? address, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        return context;
    }

    [Theory]
    [InlineData("10.0.0.0/8, 192.168.1.7", "10.20.30.40", true)]
    [InlineData("10.0.0.0/8, 192.168.1.7", "192.168.1.7", true)]
    [InlineData("10.0.0.0/8, 192.168.1.7", "::ffff:10.9.9.9", true)]
    [InlineData("10.0.0.0/8, 192.168.1.7", "192.168.1.8", false)]
    [InlineData("10.0.0.0/8, 192.168.1.7", "127.0.0.1", false)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("10.1.2.3/8", "10.9.9.9", true)]
    [InlineData(null, "127.0.0.1", true)]
    [InlineData(null, "127.8.9.1", true)]
    [InlineData(null, "::1", true)]
    [InlineData(null, "172.17.0.1", false)]
    [InlineData("", "127.0.0.1", false)]
    public void Allows_ByAddress_OnlyTheConfiguredRanges(string? allowed, string client, bool expected)
        => MetricsEndpoint.Allows(Request(client), new MetricsOptions { AllowedAddresses = allowed }).Should().Be(expected);

    [Theory]
    [InlineData("Bearer " + Token, true)]
    [InlineData("bearer " + Token, true)]
    [InlineData("Bearer " + Token + "x", false)]
    [InlineData("Bearer ", false)]
    [InlineData(Token, false)]
    public void Allows_ByToken_FromAnyAddress(string authorization, bool expected)
        => MetricsEndpoint.Allows(Request("203.0.113.9", authorization), new MetricsOptions { AllowedAddresses = "", Token = Token }).Should().Be(expected);

    [Fact]
    public void Allows_NoTokenConfigured_AnEmptyBearerLetsNobodyIn()
        => MetricsEndpoint.Allows(Request("203.0.113.9", "Bearer "), new MetricsOptions()).Should().BeFalse();

    [Fact]
    public void Validator_AddressesAndTokenWellFormed_Passes()
        => new MetricsOptionsValidator().Validate(null, new MetricsOptions { AllowedAddresses = "10.0.0.0/8 ::1,192.0.2.4", Token = Token })
            .Succeeded.Should().BeTrue();

    [Fact]
    public void Sampler_ClientSpanOfNoRequestOrJob_IsDropped_TheRestFollowTheChosenSampler()
    {
        var sampler = new NoLoneClientSpans(new AlwaysOnSampler());
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        SamplingDecision Decide(ActivityContext p, ActivityKind kind) => sampler.ShouldSample(new SamplingParameters(p, ActivityTraceId.CreateRandom(), "x", kind)).Decision;

        Decide(default, ActivityKind.Client).Should().Be(SamplingDecision.Drop);
        Decide(parent, ActivityKind.Client).Should().Be(SamplingDecision.RecordAndSample);
        Decide(default, ActivityKind.Server).Should().Be(SamplingDecision.RecordAndSample);
        Decide(default, ActivityKind.Internal).Should().Be(SamplingDecision.RecordAndSample);
    }
}
