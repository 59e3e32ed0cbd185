using System.Net;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Hosting;

public sealed class HealthTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Live_Answers200()
    {
        var response = await portal.Factory.CreateClient().GetAsync("/health/live");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_WithDatabaseAndSmtp_IsHealthy()
    {
        var response = await portal.Factory.CreateClient().GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        body.Should().Contain("\"database\":{\"status\":\"Healthy\"").And.Contain("\"smtp\":{\"status\":\"Healthy\"");
    }

    [Fact]
    public async Task Ready_WhenDatabaseIsStopped_IsUnhealthy()
    {
        // A cluster of its own, stopped under the running portal.
        var dir = Path.Combine(Path.GetTempPath(), $"bp-health-{Guid.NewGuid():N}");
        var pg = await LocalPostgres.StartAsync(dir, forTests: true);
        try
        {
            await pg.EnsureDatabaseAsync("brandportal");
            await using (var db = Core.Data.DbContextOptionsSetup.Create(pg.ConnectionString("brandportal")))
                await Core.Data.DatabaseInitializer.MigrateAsync(db);
            await using var factory = new PortalFactory(pg.ConnectionString("brandportal"), portal.Smtp);
            var client = factory.CreateClient();
            (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

            await pg.StopAsync();
            var response = await client.GetAsync("/health/ready");
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"database\":{\"status\":\"Unhealthy\"");
            (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is alive");
        }
        finally
        {
            await pg.StopAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Ready_WhenSmtpIsDown_IsUnhealthy()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        await using var factory = new PortalFactory(portal.ConnectionString, smtp);
        var client = factory.CreateClient();
        await smtp.StopAsync();
        var response = await client.GetAsync("/health/ready");
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"smtp\":{\"status\":\"Unhealthy\"");
    }
}
