using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>Every eligibility outcome as the review card shows it, for the demo users that exercise it. Reads only.</summary>
public sealed class ReviewsEligibilityTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<long> ReviewAsync(Func<IQueryable<Review>, BrandPortalDbContext, IQueryable<Review>> where)
    {
        await using var db = portal.CreateContext();
        var yearAgo = DateTimeOffset.UtcNow.AddYears(-1);
        var critical = db.Reviews.Where(r => r.Rating <= 3 && r.CreatedAt >= yearAgo.AddYears(-1));
        return await where(critical, db).OrderByDescending(r => r.CreatedAt).Select(r => r.Id).FirstAsync();
    }

    private async Task<string[]> CardRulesAsync(string email, long reviewId)
    {
        var client = await portal.SignInAsync(email);
        await using var db = portal.CreateContext();
        var card = await CardAsync(client, db, reviewId);
        card.Should().NotBeNull();
        return UnmetRules(card!).ToArray();
    }

    private static IQueryable<Review> Brand(IQueryable<Review> q, BrandPortalDbContext db, string brand)
        => q.Where(r => db.Brands.Any(b => b.Id == r.BrandId && b.Name == brand));

    private static IQueryable<Review> SoldBy(IQueryable<Review> q, BrandPortalDbContext db, string seller, bool recent = true)
    {
        var yearAgo = DateTimeOffset.UtcNow.AddYears(-1).AddDays(recent ? 2 : -2);
        return q.Where(r => r.VerifiedPurchase && db.SellerAccounts.Any(s => s.Name == seller && s.Id == r.Order!.SellerAccountId)
                            && (recent ? r.Order!.PlacedAt > yearAgo : r.Order!.PlacedAt < yearAgo));
    }

    private static IQueryable<Review> NotBlocked(IQueryable<Review> q, BrandPortalDbContext db)
        => q.Where(r => !db.CustomerBrandBlocks.Any(b => b.CustomerId == r.CustomerId && b.BrandId == r.BrandId));

    [Fact]
    public async Task Card_EligibleReview_OffersContactCustomer()
    {
        var id = await ReviewAsync((q, db) => NotBlocked(SoldBy(Brand(q, db, "Acme"), db, "Acme Trading"), db));
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        await using var db = portal.CreateContext();
        var card = (await CardAsync(client, db, id))!;
        var link = card.QuerySelector(".review-actions a.button")!;
        link.TextContent.Should().Be("Contact Customer");
        link.GetAttribute("href").Should().Be($"/Brands/Reviews/{id}/Contact");
        card.QuerySelector(".unable").Should().BeNull();
        card.QuerySelector(".badge-ok")!.TextContent.Should().Be("Verified purchase");
        card.QuerySelector(".asin")!.TextContent.Should().MatchRegex("^B0[0-9A-Z]{8}$");
        card.TextContent.Should().Contain("Ordered");
    }

    [Fact]
    public async Task Card_OrderOfAnotherSeller_FailsSellerOfRecord()
    {
        var id = await ReviewAsync((q, db) => NotBlocked(SoldBy(Brand(q, db, "Acme"), db, "Globex Retail"), db));
        (await CardRulesAsync(DemoUsers.RepTwoBrands, id)).Should().Equal("SellerOfRecord");
    }

    [Fact]
    public async Task Card_OrderOverAYearOld_FailsOrderWithinYear()
    {
        var id = await ReviewAsync((q, db) => NotBlocked(SoldBy(Brand(q, db, "Acme"), db, "Acme Trading", recent: false), db));
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        await using var db = portal.CreateContext();
        var card = (await CardAsync(client, db, id))!;
        UnmetRules(card).Should().Equal("OrderWithinYear");
        card.QuerySelector(".unable-title")!.TextContent.Should().Be("Unable to contact customer");
        card.QuerySelector(".reasons li")!.TextContent.Should().Contain("contact is possible for orders of the last 12 months").And.Contain("What to do:");
    }

    [Fact]
    public async Task Card_NotVerifiedPurchase_FailsVerifiedPurchase()
    {
        var id = await ReviewAsync((q, db) => Brand(q, db, "Acme").Where(r => !r.VerifiedPurchase));
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        await using var db = portal.CreateContext();
        var card = (await CardAsync(client, db, id))!;
        UnmetRules(card).Should().Contain("VerifiedPurchase");
        card.QuerySelector(".badge-ok").Should().BeNull();
    }

    [Fact]
    public async Task Card_ViewOnlyPermission_FailsCanEditWithTheRemedy()
    {
        var id = await ReviewAsync((q, db) => NotBlocked(SoldBy(Brand(q, db, "Acme"), db, "Acme Trading"), db));
        var client = await portal.SignInAsync(DemoUsers.Viewer);
        await using var db = portal.CreateContext();
        var card = (await CardAsync(client, db, id))!;
        UnmetRules(card).Should().Equal("CanEdit");
        card.QuerySelector("li[data-rule=CanEdit]")!.TextContent.Should().Contain("View and Edit").And.Contain("account administrator");
    }

    [Fact]
    public async Task Card_UnregisteredBrand_FailsAccountInGoodStanding()
    {
        var id = await ReviewAsync((q, db) => SoldBy(Brand(q, db, "Northwind"), db, "Acme Trading"));
        var client = await portal.SignInAsync(DemoUsers.RepUnregistered);
        await using var db = portal.CreateContext();
        var card = (await CardAsync(client, db, id))!;
        UnmetRules(card).Should().Equal("AccountInGoodStanding");
        card.QuerySelector("li[data-rule=AccountInGoodStanding]")!.TextContent.Should().Contain("not registered in Brand Registry");
    }

    [Fact]
    public async Task Card_IndividualAtRiskSeller_FailsAccountInGoodStanding()
    {
        var id = await ReviewAsync((q, db) => SoldBy(Brand(q, db, "Northwind"), db, "Northwind Goods"));
        var client = await portal.SignInAsync(DemoUsers.RepAtRisk);
        await using var db = portal.CreateContext();
        var card = (await CardAsync(client, db, id))!;
        UnmetRules(card).Should().Equal("AccountInGoodStanding");
        var text = card.QuerySelector("li[data-rule=AccountInGoodStanding]")!.TextContent;
        text.Should().Contain("Individual plan").And.Contain("at risk").And.Contain("Professional plan");
    }

    [Fact]
    public async Task Card_CustomerBlockedTheBrand_FailsNotBlocked()
    {
        var id = await ReviewAsync((q, db) => SoldBy(Brand(q, db, "Acme Outdoors"), db, "Acme Trading")
            .Where(r => db.Customers.Any(c => c.Id == r.CustomerId && c.Email == DemoUsers.CustomerBlockingB2)));
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        await using var db = portal.CreateContext();
        var card = (await CardAsync(client, db, id))!;
        UnmetRules(card).Should().Equal("NotBlocked");
        card.QuerySelector("li[data-rule=NotBlocked]")!.TextContent.Should().Contain("blocked messages from Acme Outdoors");
    }
}
