using BrandPortal.Core.Alerts.Conditions;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Alerts;

/// <summary>
/// The response due rule's edges, and what a run sends: one email per user who chose the rule and may see the brand,
/// one webhook event per account, never twice for one occurrence, never to another seller account.
/// </summary>
public sealed class ConditionAlertServiceTests : ConditionAlertTestBase
{
    private const string RepTwo = "rep.two@acme.test";          // Acme Trading (S1): Acme, Acme Outdoors; messages View and Edit
    private const string RepOne = "rep.one@acme.test";          // S1: Acme; messages View
    private const string RepNorthwind = "rep.northwind@acme.test"; // S1: Northwind only
    private const string RepGlobex = "rep@globex.test";         // Globex Retail (S3): Acme, Globex

    protected override async Task ArrangeAsync()
    {
        await using var seed = Check();
        (await DemoContacts.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(3); // rep.two's threads: R0001, R0067, R0212
        await seed.Threads.ExecuteUpdateAsync(s => s.SetProperty(t => t.ResponseNeededSince, (DateTimeOffset?)null));
    }

    private async Task<long> WaitingSinceAsync(string review, DateTimeOffset? since)
    {
        await using var check = Check();
        var thread = await check.Threads.Where(t => check.Contacts.Any(c => c.Id == t.ContactId && c.Review!.ExternalId == review)).Select(t => t.Id).SingleAsync();
        await check.Threads.Where(t => t.Id == thread).ExecuteUpdateAsync(s => s.SetProperty(t => t.ResponseNeededSince, since));
        return thread;
    }

    private static System.Text.Json.JsonElement Json(string data) => System.Text.Json.JsonDocument.Parse(data).RootElement;

    [Theory]
    [InlineData("waited 19:59", 19 * 60 + 59, false)]
    [InlineData("waited 20:00", 20 * 60, true)]
    [InlineData("waited 23:59", 23 * 60 + 59, true)]
    [InlineData("waited 24:00: overdue, no longer due", 24 * 60, false)]
    public async Task ResponseDue_Edges(string scenario, int minutesWaited, bool met)
    {
        var thread = await WaitingSinceAsync("R0212", Now.AddMinutes(-minutesWaited));

        var found = await Finder().ResponsesDueAsync(Now);

        found.Any(m => m.ThreadId == thread).Should().Be(met, scenario);
    }

    [Fact]
    public async Task ResponseDue_AnsweredThread_IsNotDue()
    {
        await WaitingSinceAsync("R0212", null); // an answer or "No response needed" clears the wait

        (await Finder().ResponsesDueAsync(Now)).Should().BeEmpty();
    }

    [Fact]
    public async Task Run_ResponseDue_OneEmailToTheAccountsChoosers_OneEventForThatAccount_NothingTwice()
    {
        await ChooseAsync(RepTwo, ConditionRule.ResponseDue);
        await ChooseAsync(RepGlobex, ConditionRule.ResponseDue); // represents Acme too, but the conversation is Acme Trading's
        await ChooseAsync(RepOne, ConditionRule.RatingDrop);     // another rule
        await WaitingSinceAsync("R0212", Now.AddHours(-21));

        (await Service().RunAsync()).Should().Be(1);
        (await Service().RunAsync()).Should().Be(0, "the occurrence is open: a second run sends nothing");

        var email = (await AlertEmailsAsync()).Should().ContainSingle().Subject;
        email.ToAddress.Should().Be(RepTwo);
        email.Subject.Should().StartWith("A customer of Acme is waiting for your answer: due ");
        email.TextBody.Should().Contain("https://portal.example.com/Brands/Messages/");
        var e = (await AlertEventsAsync()).Should().ContainSingle().Subject;
        (e.Type, e.Account).Should().Be((WebhookEventTypes.AlertResponseDue, await AccountIdAsync("Acme Trading")));
        var data = Json(e.Data);
        (data.GetProperty("contact").GetString(), data.GetProperty("seller").GetString()).Should().Be(("R0212", "S1"));
        data.GetProperty("answerDueAt").GetDateTimeOffset().Should().Be(Now.AddHours(3));
    }

    [Fact]
    public async Task Run_RatingDropOfABrandOfTwoAccounts_EachAccountGetsItsOwn_OtherBrandsNobodyRepresents()
    {
        await ChooseAsync(RepTwo, ConditionRule.RatingDrop, ConditionRule.TopicSpike);
        await ChooseAsync(RepGlobex, ConditionRule.RatingDrop);
        await ChooseAsync(RepNorthwind, ConditionRule.RatingDrop); // S1, but does not represent Acme or Globex
        await AddReviewsAsync("B000ACME01", Ratings(20, 0), daysAgo: 45);
        await AddReviewsAsync("B000ACME02", Ratings(20, 6), daysAgo: 4);  // Acme: 4.00 to 3.70
        await AddReviewsAsync("B000GLBX01", Ratings(20, 0), daysAgo: 45);
        await AddReviewsAsync("B000GLBX01", Ratings(20, 20), daysAgo: 4); // Globex: 4.00 to 3.00 (S3 only)

        (await Service().RunAsync()).Should().Be(3, "Acme for S1 and S3, Globex for S3");

        var emails = await AlertEmailsAsync();
        emails.Select(m => (m.ToAddress, m.Subject)).Should().BeEquivalentTo([
            (RepTwo, "The average rating of Acme fell by 0.30 stars"),
            (RepGlobex, "The average rating of Acme fell by 0.30 stars"),
            (RepGlobex, "The average rating of Globex fell by 1.00 stars")]);
        emails[0].TextBody.Should().Contain("3.70 stars (20 reviews since").And.Contain("the 4.00 stars of the 90 days before (20 reviews from");
        var s1 = await AccountIdAsync("Acme Trading");
        var s3 = await AccountIdAsync("Globex Retail");
        (await AlertEventsAsync()).Select(e => (e.Type, e.Account)).Should().BeEquivalentTo([
            (WebhookEventTypes.AlertRatingDrop, (long?)s1), (WebhookEventTypes.AlertRatingDrop, s3), (WebhookEventTypes.AlertRatingDrop, s3)]);
        var acme = Json((await AlertEventsAsync()).Single(e => e.Account == s1).Data);
        (acme.GetProperty("seller").GetString(), acme.GetProperty("brand").GetString(), acme.GetProperty("drop").GetDecimal(),
            acme.GetProperty("recentAverage").GetDecimal(), acme.GetProperty("priorReviews").GetInt64()).Should().Be(("S1", "B1", 0.3m, 3.7m, 20L));

        (await Service().RunAsync()).Should().Be(0);
        (await AlertEmailsAsync()).Should().HaveCount(3);
    }

    [Fact]
    public async Task Run_ConditionEndsAndArisesAgain_IsANewOccurrence()
    {
        await ChooseAsync(RepTwo, ConditionRule.TopicSpike);
        await AddReviewsAsync("B000ACME03", [(1, "Rust spots everywhere."), (2, "Rust on the base."), (3, "Some rust already.")], daysAgo: 1);
        (await Service().RunAsync()).Should().Be(2, "rust, for Acme Trading and for Globex Retail");
        (await AlertEmailsAsync()).Should().ContainSingle().Which.Subject.Should().Be("\"rust\" in 3 new critical reviews of " +
            await Db.Products.Where(p => p.Asin == "B000ACME03").Select(p => p.Title).SingleAsync());

        Clock.Advance(TimeSpan.FromDays(8)); // the mentions are now in the month before: no longer a spike
        (await Service().RunAsync()).Should().Be(0);
        (await OccurrencesAsync()).Should().OnlyContain(o => o.ClearedAt != null);

        Clock.Advance(TimeSpan.FromDays(40));
        await AddReviewsAsync("B000ACME03", [(1, "Rust again."), (2, "Rust, rust."), (2, "Rust after a week.")], daysAgo: -47.5);
        (await Service().RunAsync()).Should().Be(2);
        (await AlertEmailsAsync()).Should().HaveCount(2);
        Types(await AlertEventsAsync()).Should().Equal(Enumerable.Repeat(WebhookEventTypes.AlertTopicSpike, 4));
    }

    [Fact]
    public async Task ResponseDue_WithoutBuyerSellerMessages_CannotBeChosen_AndStopsWhenThePermissionIsLost()
    {
        await ChooseAsync(RepTwo, ConditionRule.ResponseDue);
        var repOne = await UserAsync(RepOne);
        await using (var arrange = Check())
            await arrange.UserPermissions.Where(p => p.UserId == repOne.UserId && p.Permission == Permission.BuyerSellerMessages).ExecuteDeleteAsync();
        repOne = await UserAsync(RepOne);

        var refused = await new ConditionAlertSettingsService(Db, Clock).SetAsync(repOne, ActorOf(repOne), ["RatingDrop", "ResponseDue"]);

        refused.Kind.Should().Be(OutcomeKind.Refused);
        refused.Message.Should().StartWith("Response due alerts need Buyer-Seller Messages.");
        await using (var check = Check())
            (await check.ConditionAlertChoices.CountAsync(c => c.UserId == repOne.UserId)).Should().Be(0);
        (await new ConditionAlertSettingsService(Db, Clock).GetAsync(repOne)).Rules.Should()
            .ContainSingle(r => r.Rule == ConditionRule.ResponseDue).Which.Available.Should().BeFalse();

        var repTwo = await UserAsync(RepTwo);
        await using (var arrange = Check())
            await arrange.UserPermissions.Where(p => p.UserId == repTwo.UserId && p.Permission == Permission.BuyerSellerMessages).ExecuteDeleteAsync();
        await WaitingSinceAsync("R0212", Now.AddHours(-21));
        (await Service().RunAsync()).Should().Be(1, "the occurrence and its event are the account's");
        (await AlertEmailsAsync()).Should().BeEmpty("permissions are read at every run: without Buyer-Seller Messages, no email");
        Types(await AlertEventsAsync()).Should().Equal(WebhookEventTypes.AlertResponseDue);
    }

    [Fact]
    public async Task Settings_Change_IsAudited()
    {
        await ChooseAsync(RepTwo, ConditionRule.TopicSpike, ConditionRule.RatingDrop);
        await ChooseAsync(RepTwo, ConditionRule.TopicSpike, ConditionRule.RatingDrop); // the same again: no second entry

        var entry = (await AuditAsync(Core.Audit.AuditActions.AlertsChanged)).Should().ContainSingle().Subject;
        (entry.Before, entry.After).Should().Be(("Condition alerts: none", "Condition alerts: RatingDrop, TopicSpike"));
    }
}
