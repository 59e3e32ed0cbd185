using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Dev;

/// <summary>/Dev/Mail shows every captured email: only in Development, only to a loopback client not behind a proxy.</summary>
public sealed class MailTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Mail_DevelopmentLoopbackClient_ShowsTheCaptureAndSaysItIsLocalOnly()
    {
        var response = await GetAsync("Development", IPAddress.Loopback);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#local-only")!.TextContent.Should().Contain("only in Development").And.Contain("this computer");
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("192.168.1.20")]
    [InlineData("::ffff:10.0.0.1")]
    public async Task Mail_DevelopmentNonLoopbackClient_Is404(string address)
        => (await GetAsync("Development", IPAddress.Parse(address))).StatusCode.Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task Mail_DevelopmentUnknownClientAddress_Is404()
        => (await GetAsync("Development", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    public async Task Mail_DevelopmentLoopbackButForwardedByAProxy_Is404(string header, string value)
        => (await GetAsync("Development", IPAddress.Loopback, (header, value))).StatusCode.Should().Be(HttpStatusCode.NotFound);

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Mail_OutsideDevelopment_Is404EvenOnLoopback(string environment)
    {
        var response = await GetAsync(environment, IPAddress.Loopback);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("Captured email");
    }

    /// <summary>The test server has no real connection: a startup filter sets the client address the portal sees.</summary>
    private async Task<HttpResponseMessage> GetAsync(string environment, IPAddress? client, (string Name, string Value)? header = null)
    {
        await using var factory = new PortalFactory(portal.ConnectionString, portal.Smtp,
            services => services.AddSingleton<IStartupFilter>(new ClientAddress(client)), environment: environment);
        using var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Dev/Mail");
        if (header is { } h) request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private sealed class ClientAddress(IPAddress? address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
