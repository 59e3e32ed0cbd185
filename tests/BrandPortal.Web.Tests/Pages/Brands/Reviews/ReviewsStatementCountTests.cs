using BrandPortal.Core.Data;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>
/// One Customer Reviews request costs two SQL statements: the user's access and the page (cards, eligibility,
/// timelines and the capped total in one); a search counts its matches first, a third. However many reviews and brands.
/// </summary>
public sealed class ReviewsStatementCountTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData("/Brands/Reviews")]
    [InlineData("/Brands/Reviews?stars=1&stars=2&stars=3&stars=4&stars=5&period=all&sort=lowest")]
    [InlineData("/Brands/Reviews?period=all&q=leaks&contact=none&sort=oldest")]
    [InlineData("/Brands/Reviews?period=all&done=include&assignee=none")]
    [InlineData("/Brands/Reviews?period=all&done=only")]
    [InlineData("/Brands/Reviews?period=all&assignee=me")]
    public async Task Reviews_OnePageRequest_RunsAtMostTwoStatementsThreeWithASearch(string url)
    {
        await SeedQueueAsync();
        var log = new StatementLog();
        await using var factory = new PortalFactory(portal.ConnectionString, portal.Smtp,
            services => services.ConfigureDbContext<BrandPortalDbContext>(o => o.AddInterceptors(log)));
        var client = await factory.SignInAsync(DemoUsers.RepTwoBrands);
        await client.GetPageAsync(url); // warm-up: first-request work is not the steady state

        var (_, first) = await client.GetPageAsync(url);
        var next = first.QuerySelector("#next-page")?.GetAttribute("href");
        // A full first page counts the total, capped (the later page may reuse that count: ReviewCountCache).
        if (next is not null) log.Commands.Should().Contain(c => c.Contains("LIMIT 1001") || c.Contains("LIMIT 5001"), "a full page counts the total, capped");
        log.Commands.Clear();
        var (_, doc) = await client.GetPageAsync(next ?? url);

        Cards(doc).Should().NotBeEmpty();
        // At least the access and the page: proof that the log sees the portal's statements at all.
        log.Commands.Should().HaveCountGreaterThanOrEqualTo(2).And.HaveCountLessThanOrEqualTo(url.Contains("q=") ? 3 : 2, string.Join("\n----\n", log.Commands));
        if (next is not null) doc.QuerySelector("#review-total")!.TextContent.Should().Be(first.QuerySelector("#review-total")!.TextContent);
    }

    /// <summary>Two pages' worth of rep.two's account's reviews done and two assigned to rep.two, so done=only and assignee=me have pages to read.</summary>
    private async Task SeedQueueAsync()
    {
        await using var db = portal.CreateContext();
        await db.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO review_work (seller_account_id, review_id, brand_id, review_created_at, done_at, done_by_user_id, assignee_user_id, assigned_at, assigned_by_user_id)
            SELECT u.seller_account_id, r.id, r.brand_id, r.created_at, CASE WHEN n % 2 = 0 THEN now() END, CASE WHEN n % 2 = 0 THEN u.id END, CASE WHEN n % 2 = 1 THEN u.id END,
                   CASE WHEN n % 2 = 1 THEN now() END, CASE WHEN n % 2 = 1 THEN u.id END
            FROM users u
            CROSS JOIN LATERAL (SELECT r.id, r.brand_id, r.created_at, row_number() OVER (ORDER BY r.id) AS n FROM reviews r
                                JOIN user_brand_roles ubr ON ubr.brand_id = r.brand_id AND ubr.user_id = u.id
                                WHERE r.rating <= 3 ORDER BY r.id LIMIT 120) r
            WHERE u.email = '{{DemoUsers.RepTwoBrands}}'
            ON CONFLICT DO NOTHING
            """);
    }
}
