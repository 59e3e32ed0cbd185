using BrandPortal.Core.Contacts;
using BrandPortal.Core.Email;
using BrandPortal.Core.Insights;
using BrandPortal.Core.Reviews;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Contacts;

/// <summary>The demo's edited review: contacted three weeks ago, then better rated, so the dashboard line is not empty.</summary>
public sealed class DemoEditsTests : DemoDatabaseTest
{
    protected override async Task ArrangeAsync()
    {
        await using var seed = Check();
        (await DemoContacts.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(3);
        (await DemoConversations.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(4);
    }

    [Fact]
    public async Task Seed_AfterTheDemoConversations_EditsHansReviewAndTheDashboardCountsItForItsAccountOnly()
    {
        await using (var seed = Check())
            (await DemoEdits.SeedAsync(seed)).Should().Be(1);

        var rep = await UserAsync(DemoContacts.Representative);
        var reviewId = await Db.Contacts.Where(c => Db.Customers.Any(x => x.Id == c.CustomerId && x.Email == DemoEdits.Customer))
            .Select(c => c.ReviewId).SingleAsync();
        var history = await new ReviewHistoryService(Db).GetAsync(rep, reviewId);
        history!.IsEdited.Should().BeTrue();
        history.Current.Rating.Should().Be(DemoEdits.NewRating);
        history.Earlier.Should().ContainSingle().Which.Rating.Should().BeLessThan(DemoEdits.NewRating);

        var acme = await BrandIdAsync("Acme");
        var insights = await new InsightsService(Db).ForAsync(rep, [acme], null, DateTimeOffset.UtcNow.AddMinutes(1));
        insights.Outcomes.Single(o => o.Reason == "CustomerSupport").RatingChanges
            .Should().Equal(new RatingChange(history.Earlier[0].Rating, DemoEdits.NewRating, 1));
        insights.Outcomes.Single(o => o.Reason == "CourtesyRefund").RatingChanges.Should().BeEmpty();

        var globex = await UserAsync("rep@globex.test");
        var theirs = await new InsightsService(Db).ForAsync(globex, [acme], null, DateTimeOffset.UtcNow.AddMinutes(1));
        theirs.Outcomes.SelectMany(o => o.RatingChanges).Should().BeEmpty("Acme Trading sent the contact, not Globex Retail");
    }

    [Fact]
    public async Task Seed_Twice_EditsNothingTheSecondTime()
    {
        await using var seed = Check();
        (await DemoEdits.SeedAsync(seed)).Should().Be(1);
        (await DemoEdits.SeedAsync(seed)).Should().Be(0);
        (await seed.ReviewVersions.CountAsync()).Should().Be(1);
    }
}
