using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Import;
using BrandPortal.Core.Insights;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Insights;

public sealed class InsightsServiceTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>xunit runs this before every test of the class; the fixture's database is seeded once.</summary>
    public async Task InitializeAsync()
    {
        await using (var check = database.CreateContext())
            if (await check.Contacts.AnyAsync()) return;

        string Review(string id, string asin, int rating, int daysAgo, string? order) => System.Text.Json.JsonSerializer.Serialize(new
        {
            id, asin, customerId = "C1", orderId = order, rating, title = "t", body = "b",
            createdAt = Now.AddDays(-daysAgo).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            verifiedPurchase = order is not null,
        });
        var json = $$$"""
        {
          "sellers": [{"id":"S1","name":"Seller","plan":"Professional","standing":"Good"}],
          "brands": [{"id":"B1","name":"Mine","registered":true,"sellerIds":["S1"]},{"id":"B2","name":"Other","registered":true,"sellerIds":["S1"]}],
          "users": [{"email":"rep@x.test","password":"a-long-password-1","sellerId":"S1","brandRoles":[{"brandId":"B1","role":"BrandRepresentative"}],"permissions":{"CustomerReviews":"ViewAndEdit"}}],
          "customers": [{"id":"C1","name":"Jane Doe","email":"jane@x.test","password":"a-long-password-2"}],
          "products": [{"asin":"B00000000A","brandId":"B1","title":"Kettle"},{"asin":"B00000000B","brandId":"B2","title":"Other"}],
          "orders": [{"id":"O1","customerId":"C1","sellerId":"S1","marketplace":"US","placedAt":"{{{Now.AddDays(-40).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)}}}","items":[{"asin":"B00000000A","quantity":1,"unitPrice":29.99,"currency":"USD"}]}],
          "reviews": [
            {{{Review("R1", "B00000000A", 1, 1, "O1")}}}, {{{Review("R2", "B00000000A", 1, 2, null)}}}, {{{Review("R3", "B00000000A", 2, 3, null)}}},
            {{{Review("R4", "B00000000A", 3, 4, null)}}}, {{{Review("R5", "B00000000A", 4, 5, null)}}}, {{{Review("R6", "B00000000A", 5, 6, null)}}},
            {{{Review("R7", "B00000000A", 5, 7, null)}}}, {{{Review("R8", "B00000000A", 2, 200, null)}}}, {{{Review("R9", "B00000000B", 1, 1, null)}}}
          ]
        }
        """;
        await using var db = database.CreateContext();
        var result = await new ImportService(db).ImportAsync(json);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors));

        var rep = await db.Users.SingleAsync(u => u.Email == "rep@x.test");
        var reviews = await db.Reviews.ToDictionaryAsync(r => r.ExternalId);
        Contact NewContact(string review, ContactReason reason, int hoursAgo) => new()
        {
            ReviewId = reviews[review].Id, BrandId = reviews[review].BrandId, CustomerId = reviews[review].CustomerId,
            SentByUserId = rep.Id, Reason = reason, SentAt = Now.AddHours(-hoursAgo),
        };
        var refundRead = NewContact("R1", ContactReason.CourtesyRefund, 20);
        refundRead.ReadAt = Now.AddHours(-19);
        refundRead.Refund = new Refund { Amount = 29.99m, Currency = "USD", State = RefundState.Accepted, AcceptedAt = Now.AddHours(-18) };
        var refundUnread = NewContact("R2", ContactReason.CourtesyRefund, 10);
        refundUnread.Refund = new Refund { Amount = 10m, Currency = "USD", State = RefundState.Offered };
        var support = NewContact("R3", ContactReason.CustomerSupport, 30);
        support.ReadAt = Now.AddHours(-29);
        support.SupportAnswer = SupportAnswer.Granted;
        db.Contacts.AddRange(refundRead, refundUnread, support);
        await db.SaveChangesAsync();
        var thread = new MessageThread { BrandId = support.BrandId, CustomerId = support.CustomerId, ContactId = support.Id, CreatedAt = Now.AddHours(-28), LastMessageAt = Now.AddHours(-26) };
        thread.Messages.Add(new ThreadMessage { Sender = MessageSender.Customer, Body = "Yes please", SentAt = Now.AddHours(-28) });
        thread.Messages.Add(new ThreadMessage { Sender = MessageSender.Brand, SenderUserId = rep.Id, Body = "Thanks", SentAt = Now.AddHours(-26) });
        db.Threads.Add(thread);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(BrandInsights Insights, long B1, long B2)> InsightsAsync(DateTimeOffset? from)
    {
        await using var db = database.CreateContext();
        var b1 = (await db.Brands.SingleAsync(b => b.ExternalId == "B1")).Id;
        var b2 = (await db.Brands.SingleAsync(b => b.ExternalId == "B2")).Id;
        var rep = await new AccessService(db).LoadAsync((await db.Users.SingleAsync(u => u.Email == "rep@x.test")).Id);
        return (await new InsightsService(db).ForAsync(rep!, [b1, b2], from, Now), b1, b2);
    }

    [Fact]
    public async Task Last30Days_CountsOnlyRepresentedBrandInPeriod()
    {
        var (insights, _, _) = await InsightsAsync(Now.AddDays(-30));
        insights.Distribution.Select(d => (d.Rating, d.Count)).Should().Equal((1, 2L), (2, 1L), (3, 1L), (4, 1L), (5, 2L));
        insights.TotalReviews.Should().Be(7, "the review of brand B2, which the user does not represent, never counts");
        insights.CriticalReviews.Should().Be(4);
        insights.AverageRating.Should().BeApproximately((1 + 1 + 2 + 3 + 4 + 5 + 5) / 7.0, 1e-9);
    }

    [Fact]
    public async Task AllTime_IncludesOlderReviews_AndGroupsByMonth()
    {
        var (insights, _, _) = await InsightsAsync(null);
        insights.TotalReviews.Should().Be(8);
        insights.Months.Sum(m => m.Reviews).Should().Be(8);
        insights.Months.Sum(m => m.Critical).Should().Be(5);
        insights.Months.Should().BeInAscendingOrder(m => m.Month);
    }

    [Fact]
    public async Task Outcomes_PerReason_MatchHandComputedFigures()
    {
        var (insights, _, _) = await InsightsAsync(Now.AddDays(-30));
        var refund = insights.Outcomes.Single(o => o.Reason == "CourtesyRefund");
        refund.Sent.Should().Be(2);
        refund.ReadRate.Should().Be(0.5);
        refund.RefundsAccepted.Should().Be(1);
        refund.RefundTotals.Should().Equal(new MoneyTotal("USD", 29.99m));
        var support = insights.Outcomes.Single(o => o.Reason == "CustomerSupport");
        support.Sent.Should().Be(1);
        support.ReadRate.Should().Be(1);
        support.ReplyRate.Should().Be(1);
        support.MedianHoursToFirstAnswer.Should().BeApproximately(2, 1e-6);
    }

    [Fact]
    public void TrendChart_IsAccessibleSvgWithOneBarPerMonth()
    {
        var svg = TrendChart.Svg([new MonthPoint(new DateOnly(2026, 5, 1), 10, 3, 3.5), new MonthPoint(new DateOnly(2026, 6, 1), 4, 1, 4.0)], "Trend <test>");
        svg.Should().StartWith("<svg").And.Contain("role=\"img\"").And.Contain("<title id=\"chart-title\">Trend &lt;test&gt;</title>");
        System.Text.RegularExpressions.Regex.Matches(svg, "<rect class=\"bar\"").Count.Should().Be(2);
        svg.Should().Contain("<path class=\"line\"");
    }
}
