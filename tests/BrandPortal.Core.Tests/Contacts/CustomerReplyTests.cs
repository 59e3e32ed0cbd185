using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Import;
using BrandPortal.Core.Insights;
using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Core.Tests.Contacts;

/// <summary>
/// "The customer replied" means one thing (<see cref="CustomerReply"/>): the Customer Reviews filter and card badge,
/// the contact timeline, the dashboard's reply count and the CSV export agree on one review of each kind.
/// </summary>
public sealed class CustomerReplyTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Review title → whether its customer replied, by the product's meaning.</summary>
    private static readonly Dictionary<string, bool> Kinds = new()
    {
        ["none"] = false,            // nobody contacted the customer
        ["sent"] = false,            // contacted; the customer opened the email and did nothing more
        ["granted"] = true,          // replied to a support request (grants contact), with a message
        ["declined"] = true,         // declined the support request
        ["refund-accepted"] = true,  // accepted the courtesy refund
        ["message"] = true,          // wrote in the conversation, with no decision recorded
    };

    public async Task InitializeAsync()
    {
        await using var db = database.CreateContext();
        if (await db.Reviews.AnyAsync()) return;
        var reviews = string.Join(",", Kinds.Keys.Select((title, i) =>
            $$"""{"id":"R{{i}}","asin":"B00000000A","customerId":"C1","orderId":null,"rating":1,"title":"{{title}}","body":"b","createdAt":"2026-06-0{{i + 1}}T00:00:00Z","verifiedPurchase":false}"""));
        var json = $$$"""
        {
          "sellers": [{"id":"S1","name":"Seller","plan":"Professional","standing":"Good"}],
          "brands": [{"id":"B1","name":"Mine","registered":true,"sellerIds":["S1"]}],
          "users": [{"email":"rep@x.test","password":"a-long-password-1","sellerId":"S1","brandRoles":[{"brandId":"B1","role":"BrandRepresentative"}],"permissions":{"CustomerReviews":"ViewAndEdit"}}],
          "customers": [{"id":"C1","name":"Jane Doe","email":"jane@x.test","password":"a-long-password-2"}],
          "products": [{"asin":"B00000000A","brandId":"B1","title":"Kettle"}],
          "orders": [],
          "reviews": [{{{reviews}}}]
        }
        """;
        var imported = await new ImportService(db).ImportAsync(json);
        imported.Succeeded.Should().BeTrue(string.Join("; ", imported.Errors));

        var rep = await db.Users.SingleAsync(u => u.Email == "rep@x.test");
        var byTitle = await db.Reviews.ToDictionaryAsync(r => r.Title);
        Contact Contact(string title, ContactReason reason) => new()
        {
            ReviewId = byTitle[title].Id, BrandId = byTitle[title].BrandId, CustomerId = byTitle[title].CustomerId,
            SentByUserId = rep.Id, Reason = reason, SentAt = Now.AddDays(-2), ReadAt = Now.AddDays(-1),
        };
        var sent = Contact("sent", ContactReason.CustomerSupport);
        var granted = Contact("granted", ContactReason.CustomerSupport);
        granted.SupportAnswer = SupportAnswer.Granted;
        granted.AnsweredAt = Now.AddHours(-20);
        var declined = Contact("declined", ContactReason.CustomerSupport);
        declined.SupportAnswer = SupportAnswer.Declined;
        declined.AnsweredAt = Now.AddHours(-20);
        var refund = Contact("refund-accepted", ContactReason.CourtesyRefund);
        refund.Refund = new Refund { Amount = 10m, Currency = "USD", State = RefundState.Accepted, AcceptedAt = Now.AddHours(-20) };
        var message = Contact("message", ContactReason.CustomerSupport);
        db.Contacts.AddRange(sent, granted, declined, refund, message);
        await db.SaveChangesAsync();
        foreach (var c in new[] { granted, message })
        {
            var thread = new MessageThread { BrandId = c.BrandId, CustomerId = c.CustomerId, ContactId = c.Id, CreatedAt = Now.AddHours(-20), LastMessageAt = Now.AddHours(-20) };
            thread.Messages.Add(new ThreadMessage { Sender = MessageSender.Customer, Body = "Yes please", SentAt = Now.AddHours(-20) });
            db.Threads.Add(thread);
        }
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CustomerReplied_FilterCardTimelineInsightsAndCsv_AgreeOnEveryKindOfContact()
    {
        await using var db = database.CreateContext();
        var clock = new FakeTimeProvider(Now);
        var user = (await new AccessService(db).LoadAsync(await db.Users.Where(u => u.Email == "rep@x.test").Select(u => u.Id).SingleAsync()))!;
        var titles = await db.Reviews.ToDictionaryAsync(r => r.Id, r => r.Title);
        var expected = Kinds.Where(k => k.Value).Select(k => k.Key).ToList();
        var query = new ReviewQuery(db, new EligibilityService(db, clock), clock);
        var all = ReviewFilter.Default with { Stars = [1, 2, 3, 4, 5], Period = ReviewPeriod.All };

        var filtered = await query.LoadAsync(user, new ParsedReviewFilter(all with { Contact = ContactFilter.Replied }, []));
        filtered.Cards.Select(c => c.Title).Should().BeEquivalentTo(expected, "contact=replied lists exactly the replied contacts");

        var cards = await query.LoadAsync(user, new ParsedReviewFilter(all, []));
        cards.Cards.Where(c => c.Contact?.CustomerReplied == true).Select(c => c.Title).Should().BeEquivalentTo(expected, "the card badge");

        var timelines = await new ContactTimeline(db).LoadAsync(user, titles.Keys.ToList());
        timelines.Values.Should().HaveCount(5);
        timelines.Values.Where(t => t.CustomerReplied).Select(t => titles[t.ReviewId]).Should().BeEquivalentTo(expected, "the timeline");

        var insights = await new InsightsService(db).ForAsync(user, [user.RepresentedBrands[0].BrandId], null, Now.AddSeconds(1));
        insights.Outcomes.Sum(o => o.Replied).Should().Be(expected.Count, "the dashboard counts the same replies");
        insights.Outcomes.Single(o => o.Reason == nameof(ContactReason.CourtesyRefund)).Replied.Should().Be(1, "an accepted refund is a reply");

        var csv = new List<ReviewExportRow>();
        await foreach (var row in query.Export(user, all)!) csv.Add(row);
        csv.Where(r => r.ContactState.EndsWith(", customer replied", StringComparison.Ordinal)).Select(r => titles[r.Id])
            .Should().BeEquivalentTo(expected, "the CSV export");
        csv.Single(r => titles[r.Id] == "none").ContactState.Should().Be("not contacted");
        csv.Single(r => titles[r.Id] == "sent").ContactState.Should().Be("customer support, sent");
        csv.Single(r => titles[r.Id] == "refund-accepted").ContactState.Should().Be("courtesy refund, customer replied");
    }
}
