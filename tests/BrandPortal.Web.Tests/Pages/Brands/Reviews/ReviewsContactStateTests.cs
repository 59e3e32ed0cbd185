using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>Cards of contacted reviews, the contact-state filter, and paging while reviews arrive. Changes its own database.</summary>
public sealed class ReviewsContactStateTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private const string AllStarsAllTime = "stars=1&stars=2&stars=3&stars=4&stars=5&period=all";

    /// <summary>Critical reviews of Acme sold by Acme Trading, newest first, that nobody contacted yet.</summary>
    private static async Task<List<long>> UncontactedAcmeReviewsAsync(BrandPortalDbContext db)
        => await db.Reviews.Where(r => r.Rating <= 3 && r.VerifiedPurchase
                                       && db.Brands.Any(b => b.Id == r.BrandId && b.Name == "Acme")
                                       && db.SellerAccounts.Any(s => s.Id == r.Order!.SellerAccountId && s.Name == "Acme Trading")
                                       && !db.Contacts.Any(c => c.ReviewId == r.Id))
            .OrderByDescending(r => r.CreatedAt).Select(r => r.Id).ToListAsync();

    private static async Task ContactAsync(BrandPortalDbContext db, long reviewId, string senderEmail, ContactReason reason, bool replied = false)
    {
        var review = await db.Reviews.SingleAsync(r => r.Id == reviewId);
        db.Contacts.Add(new Contact
        {
            ReviewId = reviewId, BrandId = review.BrandId, CustomerId = review.CustomerId,
            SentByUserId = await db.Users.Where(u => u.Email == senderEmail).Select(u => u.Id).SingleAsync(),
            Reason = reason, SentAt = DateTimeOffset.UtcNow.AddHours(-2),
            SupportAnswer = replied ? SupportAnswer.Granted : SupportAnswer.None, AnsweredAt = replied ? DateTimeOffset.UtcNow.AddHours(-1) : null,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Card_ContactedByOwnAccount_ShowsContactedWithReasonWhoAndWhen_AndOtherTenantSeesNoneOfIt()
    {
        await using var db = portal.CreateContext();
        var id = (await UncontactedAcmeReviewsAsync(db))[0];
        await ContactAsync(db, id, DemoUsers.RepOneBrand, ContactReason.CourtesyRefund);

        var own = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var card = (await CardAsync(own, db, id))!;
        var state = card.QuerySelector(".contact-state")!;
        state.GetAttribute("data-contact-state").Should().Be("yours");
        state.TextContent.Should().Contain("Contacted").And.Contain("Courtesy Refund").And.Contain(DemoUsers.RepOneBrand).And.Contain("UTC");
        card.QuerySelector(".unable").Should().BeNull("the contacted state replaces the list of unmet conditions");
        card.QuerySelector("a[href$='/Contact']").Should().BeNull();

        var other = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var otherCard = (await CardAsync(other, db, id))!;
        otherCard.QuerySelector(".contact-state")!.GetAttribute("data-contact-state").Should().Be("other");
        otherCard.TextContent.Should().Contain("Another seller account has already contacted")
            .And.NotContain(DemoUsers.RepOneBrand).And.NotContain("Courtesy Refund").And.NotContain("acme.test");
        otherCard.QuerySelector("a[href$='/Contact']").Should().BeNull();
    }

    [Fact]
    public async Task Reviews_ContactFilter_SeparatesNoneSentAndReplied_PerSellerAccount()
    {
        await using var db = portal.CreateContext();
        var fresh = await UncontactedAcmeReviewsAsync(db);
        var (sent, replied) = (fresh[1], fresh[2]);
        await ContactAsync(db, sent, DemoUsers.RepTwoBrands, ContactReason.CustomerSupport);
        await ContactAsync(db, replied, DemoUsers.RepTwoBrands, ContactReason.CustomerSupport, replied: true);
        var contacted = await db.Contacts.Select(c => c.ReviewId).ToListAsync();

        var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var sentIds = await AllIdsAsync(rep, $"/Brands/Reviews?{AllStarsAllTime}&contact=sent");
        sentIds.Should().Contain([sent, replied]).And.BeSubsetOf(contacted);
        (await AllIdsAsync(rep, $"/Brands/Reviews?{AllStarsAllTime}&contact=replied")).Should().Contain(replied).And.NotContain(sent);
        var noneIds = await AllIdsAsync(rep, $"/Brands/Reviews?{AllStarsAllTime}&contact=none");
        noneIds.Should().NotBeEmpty().And.NotIntersectWith(contacted);
        var (_, doc) = await rep.GetPageAsync($"/Brands/Reviews?{AllStarsAllTime}&contact=replied");
        doc.QuerySelector($"article[data-review-id='{replied}'] .contact-state")!.TextContent.Should().Contain("Customer replied");

        // Another seller account's contacts are not theirs to list.
        var other = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        (await AllIdsAsync(other, $"/Brands/Reviews?{AllStarsAllTime}&contact=sent")).Should().BeEmpty();
        (await AllIdsAsync(other, $"/Brands/Reviews?{AllStarsAllTime}&contact=replied")).Should().BeEmpty();
    }

    [Fact]
    public async Task Reviews_NextPage_AfterNewReviewsArrive_HasNoDuplicatesOrGaps()
    {
        var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var before = await AllIdsAsync(rep, $"/Brands/Reviews?{AllStarsAllTime}");
        var (_, first) = await rep.GetPageAsync($"/Brands/Reviews?{AllStarsAllTime}");
        var next = first.QuerySelector("#next-page")!.GetAttribute("href")!;

        await using (var db = portal.CreateContext())
        {
            var product = await db.Products.Where(p => db.Brands.Any(b => b.Id == p.BrandId && b.Name == "Acme")).FirstAsync();
            var customer = await db.Customers.FirstAsync();
            for (var i = 0; i < 30; i++)
                db.Reviews.Add(new Review
                {
                    ExternalId = $"R-NEW-{i}", ProductId = product.Id, BrandId = product.BrandId, CustomerId = customer.Id, Rating = (short)(1 + i % 5),
                    Title = "Arrived while paging", Body = "New review", CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-i), VerifiedPurchase = false,
                });
            await db.SaveChangesAsync();
        }

        var rest = new List<long>(Cards(first).Select(Id));
        rest.AddRange(await AllIdsAsync(rep, next));
        rest.Should().Equal(before, "a cursor page starts after the last review shown, whatever arrived since");
        (await AllIdsAsync(rep, $"/Brands/Reviews?{AllStarsAllTime}")).Should().HaveCount(before.Count + 30);
    }
}
