using BrandPortal.Core.Data.Entities;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Alerts;

/// <summary>
/// The edges of the rating drop and topic spike rules, as the finder sees them in PostgreSQL. Ratings: the prior 90
/// days (31 to 120 days ago) against the last 30; every review 4 stars unless counted as a 3.
/// </summary>
public sealed class ConditionRuleTests : ConditionAlertTestBase
{
    [Theory]
    [InlineData("drop of exactly 0.3 (4.00 to 3.70)", 20, 0, 20, 6, true)]
    [InlineData("drop of 0.25 (4.00 to 3.75)", 20, 0, 20, 5, false)]
    [InlineData("exactly 0.3 with uneven windows (4.00 over 30, 3.70 over 20)", 30, 0, 20, 6, true)]
    [InlineData("19 reviews in the last 30 days", 20, 0, 19, 19, false)]
    [InlineData("20 reviews in the last 30 days", 20, 0, 20, 20, true)]
    [InlineData("19 reviews in the 90 days before", 19, 0, 20, 20, false)]
    [InlineData("no change", 20, 6, 20, 6, false)]
    [InlineData("a rise", 20, 20, 20, 0, false)]
    public async Task RatingDrop_Edges(string scenario, int priorCount, int priorThrees, int recentCount, int recentThrees, bool met)
    {
        await AddReviewsAsync("B000GLBX01", Ratings(priorCount, priorThrees), daysAgo: 60);
        await AddReviewsAsync("B000GLBX02", Ratings(recentCount, recentThrees), daysAgo: 10);

        var globex = await BrandIdAsync("Globex");

        var found = await Finder().RatingDropsAsync(Now);

        found.Any(m => m.BrandId == globex).Should().Be(met, scenario);
    }

    [Fact]
    public async Task RatingDrop_ReviewsOlderThan120Days_DoNotCount()
    {
        await AddReviewsAsync("B000GLBX01", Ratings(20, 0), daysAgo: 121);
        await AddReviewsAsync("B000GLBX01", Ratings(20, 20), daysAgo: 5);

        (await Finder().RatingDropsAsync(Now)).Should().BeEmpty();
    }

    [Fact]
    public async Task RatingDrop_BrandOfTwoAccounts_OneConditionPerAccount()
    {
        await AddReviewsAsync("B000ACME01", Ratings(20, 0), daysAgo: 45);
        await AddReviewsAsync("B000ACME01", Ratings(20, 20), daysAgo: 3);

        var found = await Finder().RatingDropsAsync(Now);

        found.Select(m => m.SellerAccountId).Should().BeEquivalentTo([await AccountIdAsync("Acme Trading"), await AccountIdAsync("Globex Retail")]);
        found.Should().OnlyContain(m => m.Rule == ConditionRule.RatingDrop && m.Subject == found[0].Subject);
    }

    private static IEnumerable<(int, string)> Critical(params string[] texts) => texts.Select(t => (2, t));

    [Theory]
    [InlineData("3 critical reviews within 7 days", 3, 0, null, true)]
    [InlineData("2 critical reviews within 7 days", 2, 0, null, false)]
    [InlineData("a mention the month before (20 days before the 7)", 3, 1, 27.0, false)]
    [InlineData("a mention on the last day of the month before", 3, 1, 36.9, false)]
    [InlineData("a mention before the month before", 3, 1, 38.0, true)]
    public async Task TopicSpike_Edges(string scenario, int recent, int earlier, double? earlierDaysAgo, bool met)
    {
        string[] recentTexts = ["The zipper broke on day one.", "Cheap zipper, returned it.", "Zipper jammed twice, awful.", "Terrible zipper."];
        await AddReviewsAsync("B000GLBX01", Critical(recentTexts[..recent]), daysAgo: 2);
        if (earlier > 0) await AddReviewsAsync("B000GLBX01", Critical("My old zipper complaint."), daysAgo: earlierDaysAgo!.Value);

        var terms = (await Finder().TopicSpikesAsync(Now)).Select(m => ((Core.Alerts.Conditions.TopicSpikeFacts)m.Facts).Term).ToList();

        terms.Contains("zipper").Should().Be(met, scenario);
    }

    [Fact]
    public async Task TopicSpike_ThreeMentionsAcrossTwoProductsOrInAPraisingReview_IsNoSpike()
    {
        await AddReviewsAsync("B000GLBX01", Critical("The hinge squeaks.", "A squeaky hinge."), daysAgo: 1);
        await AddReviewsAsync("B000GLBX02", Critical("Hinge came loose."), daysAgo: 1);
        await AddReviewsAsync("B000GLBX01", [(5, "Love it, the hinge is solid.")], daysAgo: 1);

        (await Finder().TopicSpikesAsync(Now)).Should().BeEmpty();
    }

    [Fact]
    public async Task TopicSpike_StemsAndStopWords_FollowTheReviewsLanguage()
    {
        // English stems "leaks", "leaking", "leaked" to "leak" and drops "the"; German reviews keep their stop words out
        // ("der", "ist", "nicht") and stem "undichte", "undicht" alike.
        await AddReviewsAsync("B000GLBX01", Critical("The lid leaks.", "It is leaking at the lid.", "Leaked from the lid."), daysAgo: 1);
        await AddReviewsAsync("B000GLBX02", Critical("Der Deckel ist undicht.", "Der undichte Deckel ist nicht gut.", "Deckel undicht, der Tee läuft aus."),
            daysAgo: 1, Marketplace.DE);

        var spikes = (await Finder().TopicSpikesAsync(Now))
            .Select(m => (m.ProductId, ((Core.Alerts.Conditions.TopicSpikeFacts)m.Facts).Term)).Distinct().ToList();

        var english = await ProductIdAsync("B000GLBX01");
        var german = await ProductIdAsync("B000GLBX02");
        spikes.Where(s => s.ProductId == english).Select(s => s.Term).Should().BeEquivalentTo(["leak", "lid"]);
        spikes.Where(s => s.ProductId == german).Select(s => s.Term).Should().BeEquivalentTo(["deckel", "undicht"]);
    }
}
