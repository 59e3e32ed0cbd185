using System.Net;
using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Webhooks;

/// <summary>Which addresses a webhook may never reach, in every notation an address can take, and the URL check built on it.</summary>
public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void IsForbidden_LoopbackPrivateLinkLocalInAnyNotation_IsTrue(string address)
        => WebhookTargets.IsForbidden(IPAddress.Parse(address)).Should().BeTrue();

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void IsForbidden_PublicAddressInAnyNotation_IsFalse(string address)
        => WebhookTargets.IsForbidden(IPAddress.Parse(address)).Should().BeFalse();

    [Theory]
    [InlineData("https://127.0.0.1/hook", "loopback, private or link-local")]
    [InlineData("https://10.0.0.1/hook", "loopback, private or link-local")]
    [InlineData("https://[::1]/hook", "loopback, private or link-local")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback, private or link-local")]
    [InlineData("https://169.254.169.254/latest/meta-data", "loopback, private or link-local")]
    [InlineData("https://localhost/hook", "loopback, private or link-local")]
    [InlineData("http://example.com/hook", "https://")]
    [InlineData("ftp://example.com/hook", "https://")]
    [InlineData("https://user:pw@93.184.215.14/hook", "user name or password")]
    [InlineData("https://93.184.215.14/hook#x", "fragment")]
    [InlineData("not a url", "not a valid absolute URL")]
    [InlineData("", "Enter the URL")]
    public async Task CheckUrl_ForbiddenTarget_IsRefusedSayingWhy(string url, string why)
        => (await WebhookTargets.CheckUrlAsync(url, allowPrivateTargets: false)).Should().Contain(why);

    [Fact]
    public async Task CheckUrl_PublicHttpsAddress_IsAllowed()
        => (await WebhookTargets.CheckUrlAsync("https://93.184.215.14/brandportal", allowPrivateTargets: false)).Should().BeNull();

    [Theory]
    [InlineData("https://127.0.0.1:5001/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://10.0.0.1/hook")]
    public async Task CheckUrl_PrivateOrHttpWhenAllowed_IsAllowed(string url)
        => (await WebhookTargets.CheckUrlAsync(url, allowPrivateTargets: true)).Should().BeNull();
}
