using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands;

public sealed class IndexTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Dashboard_Representative_ShowsInsightsWithChartAndDistribution()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, doc) = await client.GetPageAsync("/Brands?period=all");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.QuerySelector("#insights").Should().NotBeNull();
        doc.QuerySelector("svg.chart[role=img] title")!.TextContent.Should().Contain("Critical reviews per month");
        doc.QuerySelectorAll("table.distribution tbody tr").Should().HaveCount(5);

        await using var db = portal.CreateContext();
        var brandIds = await db.Brands.Where(b => b.ExternalId == "B1" || b.ExternalId == "B2").Select(b => b.Id).ToListAsync();
        var expected = await db.Reviews.CountAsync(r => brandIds.Contains(r.BrandId));
        doc.QuerySelector(".tile-figure")!.TextContent.Replace(",", "").Should().Be(expected.ToString());
    }

    [Fact]
    public async Task Dashboard_BrandTheUserDoesNotRepresent_IsRefusedWithMessage()
    {
        await using var db = portal.CreateContext();
        var globex = await db.Brands.Where(b => b.ExternalId == "B4").Select(b => b.Id).SingleAsync();
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, doc) = await client.GetPageAsync($"/Brands?brand={globex}&period=bogus");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        doc.QuerySelectorAll(".alert").Select(a => a.TextContent).Should().Contain(t => t.Contains("do not represent"))
            .And.Contain(t => t.Contains("Unknown period"));
        doc.Body!.TextContent.Should().NotContain("Globex");
    }

    [Fact]
    public async Task Dashboard_UserWithoutCustomerReviews_ShowsNoInsights()
    {
        var client = await portal.SignInAsync(DemoUsers.NoPermission);
        var (_, doc) = await client.GetPageAsync("/Brands");
        doc.QuerySelector("#insights").Should().BeNull();
        doc.Body!.TextContent.Should().Contain("Find out why");
    }
}
