using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Import;
using BrandPortal.Core.Insights;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Insights;

/// <summary>
/// "Rating changed after the contact" on the dashboard, per reason, counted from review_versions. Each row of
/// <see cref="Cases"/> is one contacted review of brand B1 (shared by sellers S1 and S3): the versions it keeps (what it
/// said before each change, and when the change happened), its rating now, when and by whom it was contacted.
/// </summary>
public sealed class RatingChangeAfterContactTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.AddMinutes(-1);

    /// <param name="Versions">(rating, title, replaced this many days ago), oldest first.</param>
    private sealed record Case(string Review, string Seller, ContactReason Reason, int ContactDaysAgo, int RatingNow, string TitleNow,
        (int Rating, string Title, int ReplacedDaysAgo)[] Versions, (int From, int To)? Counted);

    private static readonly Case[] Cases =
    [
        new("R1", "S1", ContactReason.CourtesyRefund, 5, 2, "t", [], null),                                   // never changed
        new("R2", "S1", ContactReason.CourtesyRefund, 5, 4, "t", [(2, "t", 10)], null),                       // changed before the contact
        new("R3", "S1", ContactReason.CourtesyRefund, 5, 4, "t", [(2, "t", 2)], (2, 4)),                      // up after the contact
        new("R4", "S1", ContactReason.CustomerSupport, 5, 1, "t", [(4, "t", 1)], (4, 1)),                     // down after the contact
        new("R5", "S1", ContactReason.CustomerSupport, 5, 2, "new title", [(2, "t", 1)], null),               // title only
        new("R6", "S1", ContactReason.CourtesyRefund, 5, 5, "t", [(1, "t", 9), (2, "t", 3), (3, "t", 1)], (2, 5)), // before, then twice after: 2★ then
        new("R7", "S1", ContactReason.CustomerSupport, 5, 2, "t", [(2, "t", 3), (4, "t", 1)], null),          // 2★ → 4★ → 2★: no change
        new("R8", "S3", ContactReason.CourtesyRefund, 5, 5, "t", [(1, "t", 1)], (1, 5)),                      // another account's contact
    ];

    public async Task InitializeAsync()
    {
        await using (var check = database.CreateContext())
            if (await check.Contacts.AnyAsync()) return;
        await using var db = database.CreateContext();
        await SharedBrandWorld.ImportAsync(db, Cases.Select(c => (c.Review, c.Versions.Length > 0 ? c.Versions[0].Rating : c.RatingNow)).ToArray(), Now.AddDays(-30));
        var reviews = await db.Reviews.ToDictionaryAsync(r => r.ExternalId);
        var reps = await db.Users.Where(u => u.SellerAccountId != null)
            .ToDictionaryAsync(u => u.Email == SharedBrandWorld.RepS1 ? "S1" : "S3", u => u.Id);
        foreach (var c in Cases)
        {
            var review = reviews[c.Review];
            var since = review.CreatedAt;
            foreach (var v in c.Versions)
            {
                db.ReviewVersions.Add(new ReviewVersion
                {
                    ReviewId = review.Id, Rating = (short)v.Rating, Title = v.Title, Body = "b", ValidFrom = since, ReplacedAt = Now.AddDays(-v.ReplacedDaysAgo),
                });
                since = Now.AddDays(-v.ReplacedDaysAgo);
            }
            review.Rating = (short)c.RatingNow;
            review.Title = c.TitleNow;
            db.Contacts.Add(new Contact
            {
                ReviewId = review.Id, BrandId = review.BrandId, CustomerId = review.CustomerId, SentByUserId = reps[c.Seller],
                Reason = c.Reason, SentAt = Now.AddDays(-c.ContactDaysAgo),
            });
        }
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<BrandInsights> InsightsAsync(string repEmail, string brand = "B1")
    {
        await using var db = database.CreateContext();
        var brandId = (await db.Brands.SingleAsync(b => b.ExternalId == brand)).Id;
        var rep = await new AccessService(db).LoadAsync((await db.Users.SingleAsync(u => u.Email == repEmail)).Id);
        return await new InsightsService(db).ForAsync(rep!, [brandId], Now.AddDays(-30), Now.AddMinutes(1));
    }

    private static (int, int, long)[] Expected(string seller, ContactReason reason) => Cases
        .Where(c => c.Seller == seller && c.Reason == reason && c.Counted is not null)
        .GroupBy(c => c.Counted!.Value).Select(g => (g.Key.From, g.Key.To, (long)g.Count())).OrderBy(x => x).ToArray();

    [Fact]
    public async Task RatingChanges_TableOfVersions_CountOnlyRatingChangesAfterTheContactPerReason()
    {
        var insights = await InsightsAsync(SharedBrandWorld.RepS1);

        var refund = insights.Outcomes.Single(o => o.Reason == "CourtesyRefund");
        refund.RatingChanges.Select(c => (c.From, c.To, c.Count)).Should().Equal(Expected("S1", ContactReason.CourtesyRefund));
        refund.RatingChanges.Select(c => (c.From, c.To, c.Count)).Should().Equal((2, 4, 1L), (2, 5, 1L));
        refund.RatingImproved.Should().Be(2);
        refund.RatingWorse.Should().Be(0);

        var support = insights.Outcomes.Single(o => o.Reason == "CustomerSupport");
        support.RatingChanges.Select(c => (c.From, c.To, c.Count)).Should().Equal((4, 1, 1L));
        support.RatingChanged.Should().Be(1);
        support.RatingWorse.Should().Be(1, "R5 changed only its title and R7 came back to the rating it had when contacted");
    }

    [Fact]
    public async Task RatingChanges_AnotherSellerAccountsContactOnTheSharedBrand_CountsOnlyForThatAccount()
    {
        var s1 = await InsightsAsync(SharedBrandWorld.RepS1);
        s1.Outcomes.SelectMany(o => o.RatingChanges).Should().NotContain(c => c.From == 1 && c.To == 5, "R8 was contacted by seller S3");

        var s3 = await InsightsAsync(SharedBrandWorld.RepS3);
        s3.Outcomes.Single(o => o.Reason == "CourtesyRefund").RatingChanges.Select(c => (c.From, c.To, c.Count))
            .Should().Equal(Expected("S3", ContactReason.CourtesyRefund)).And.Equal((1, 5, 1L));
        s3.Outcomes.Single(o => o.Reason == "CustomerSupport").RatingChanges.Should().BeEmpty();
    }

    [Fact]
    public async Task Outcomes_SharedBrand_EachSellerAccountCountsOnlyItsOwnContacts()
    {
        var s1 = await InsightsAsync(SharedBrandWorld.RepS1);
        s1.Outcomes.Single(o => o.Reason == "CourtesyRefund").Sent.Should().Be(Cases.Count(c => c.Seller == "S1" && c.Reason == ContactReason.CourtesyRefund));
        s1.Outcomes.Single(o => o.Reason == "CustomerSupport").Sent.Should().Be(Cases.Count(c => c.Seller == "S1" && c.Reason == ContactReason.CustomerSupport));

        var s3 = await InsightsAsync(SharedBrandWorld.RepS3);
        s3.Outcomes.Single(o => o.Reason == "CourtesyRefund").Sent.Should().Be(1, "only R8 was contacted by seller S3");
        s3.Outcomes.Single(o => o.Reason == "CustomerSupport").Sent.Should().Be(0);
    }

    [Fact]
    public async Task RatingChanges_ReviewImportedAgainAfterTheContact_CountsTheImportsVersion()
    {
        // On brand B2, which only S1 sells, so that the table above stays as it is.
        await using (var db = database.CreateContext())
        {
            await SharedBrandWorld.ImportAsync(db, [("R9", 1)], Now.AddDays(-20), "B2");
            var review = await db.Reviews.SingleAsync(r => r.ExternalId == "R9");
            var rep = await db.Users.SingleAsync(u => u.Email == SharedBrandWorld.RepS1);
            db.Contacts.Add(new Contact
            {
                ReviewId = review.Id, BrandId = review.BrandId, CustomerId = review.CustomerId, SentByUserId = rep.Id,
                Reason = ContactReason.CustomerSupport, SentAt = Now.AddDays(-2),
            });
            await db.SaveChangesAsync();
        }
        (await InsightsAsync(SharedBrandWorld.RepS1, "B2")).Outcomes.SelectMany(o => o.RatingChanges).Should().BeEmpty();

        await using (var db = database.CreateContext())
        {
            await SharedBrandWorld.ImportAsync(db, [("R9", 3)], Now.AddDays(-20), "B2");
            (await db.ReviewVersions.CountAsync(v => db.Reviews.Any(r => r.Id == v.ReviewId && r.ExternalId == "R9"))).Should().Be(1);
        }
        var after = await InsightsAsync(SharedBrandWorld.RepS1, "B2");
        after.Outcomes.Single(o => o.Reason == "CustomerSupport").RatingChanges.Select(c => (c.From, c.To, c.Count)).Should().Equal((1, 3, 1L));
    }
}
