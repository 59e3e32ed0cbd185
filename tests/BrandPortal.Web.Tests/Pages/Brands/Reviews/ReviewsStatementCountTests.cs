using BrandPortal.Core.Data;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>
/// One Customer Reviews request costs at most four SQL statements: the user's access, the page, the capped total
/// and the eligibility batch, however many reviews and brands.
/// </summary>
public sealed class ReviewsStatementCountTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData("/Brands/Reviews")]
    [InlineData("/Brands/Reviews?stars=1&stars=2&stars=3&stars=4&stars=5&period=all&sort=lowest")]
    [InlineData("/Brands/Reviews?period=all&q=leaks&contact=none&sort=oldest")]
    public async Task Reviews_OnePageRequest_RunsAtMostFourStatements(string url)
    {
        var log = new StatementLog();
        await using var factory = new PortalFactory(portal.ConnectionString, portal.Smtp,
            services => services.ConfigureDbContext<BrandPortalDbContext>(o => o.AddInterceptors(log)));
        var client = await factory.SignInAsync(DemoUsers.RepTwoBrands);
        await client.GetPageAsync(url); // warm-up: first-request work is not the steady state

        var (_, first) = await client.GetPageAsync(url);
        var next = first.QuerySelector("#next-page")?.GetAttribute("href");
        log.Commands.Clear();
        var (_, doc) = await client.GetPageAsync(next ?? url);

        Cards(doc).Should().NotBeEmpty();
        // At least the access and the page: proof that the log sees the portal's statements at all.
        log.Commands.Should().HaveCountGreaterThanOrEqualTo(2).And.HaveCountLessThanOrEqualTo(4, string.Join("\n----\n", log.Commands));
        if (next is not null) log.Commands.Should().Contain(c => c.Contains("LIMIT 1001") || c.Contains("LIMIT 5001"), "a later page counts the total, capped");
    }
}
