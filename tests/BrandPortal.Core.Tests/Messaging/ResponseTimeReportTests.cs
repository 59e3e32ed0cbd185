using BrandPortal.Core.Messaging;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static BrandPortal.Core.Tests.Messaging.ConversationKit;

namespace BrandPortal.Core.Tests.Messaging;

/// <summary>
/// The report's arithmetic (docs/PRODUCT.md#response-time), on the demo data with conversations arranged at chosen times
/// for rep.two@acme.test (Acme Trading; Acme and Acme Outdoors), computed by <see cref="ResponseTimeReport"/> in SQL.
/// </summary>
public sealed class ResponseTimeReportTests : DemoDatabaseTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private const string Rep = "rep.two@acme.test";

    private async Task<ResponseTimeFigures> AcmeAsync(int days, string user = Rep)
    {
        var report = await new ResponseTimeReport(Db, new FakeTimeProvider(Now)).LoadAsync(await UserAsync(user));
        return report.Rows.Single(r => r.BrandName == "Acme" && r.Days == days);
    }

    private async Task ArrangeAsync(params Step[] steps)
    {
        await using var db = Check();
        await ThreadAsync(db, Rep, "Acme", steps);
    }

    public enum Expect { WithinDay, Late, Open, NotCounted }

    /// <summary>One customer message (hours before now), what stopped its timer (hours after it; null: nothing), and how it counts.</summary>
    [Theory]
    [InlineData(48, 2.0, false, Expect.WithinDay, 2.0)]   // answered after 2 h
    [InlineData(48, 24.0, false, Expect.WithinDay, 24.0)] // exactly 24 h is still within
    [InlineData(72, 30.0, false, Expect.Late, 30.0)]      // answered after 30 h
    [InlineData(48, null, false, Expect.Late, null)]      // unanswered past its 24 h: late, without a time
    [InlineData(5, null, false, Expect.Open, null)]       // unanswered, 19 h left: open, counts for neither percentage
    [InlineData(48, 3.0, true, Expect.WithinDay, 3.0)]    // No response needed after 3 h: answered within 24 h
    [InlineData(100, 50.0, true, Expect.Late, 50.0)]      // No response needed after 50 h: answered late
    [InlineData(200, 1.0, false, Expect.NotCounted, null)] // older than 7 days
    public async Task Report_OneCustomerMessage_CountsAsTheTableSays(int hoursAgo, double? stoppedAfterHours, bool byMark, Expect expect, double? answerHours)
    {
        var asked = Now.AddHours(-hoursAgo);
        DateTimeOffset? stop = stoppedAfterHours is { } h ? asked.AddHours(h) : null;
        if (byMark) await ArrangeAsync(Customer(asked, stop));
        else if (stop is { } s) await ArrangeAsync(Customer(asked), Brand(s));
        else await ArrangeAsync(Customer(asked));

        var row = await AcmeAsync(7);

        row.Needed.Should().Be(expect == Expect.NotCounted ? 0 : 1);
        row.WithinDay.Should().Be(expect == Expect.WithinDay ? 1 : 0);
        row.Late.Should().Be(expect == Expect.Late ? 1 : 0);
        row.Open.Should().Be(expect == Expect.Open ? 1 : 0);
        row.NoResponseNeeded.Should().Be(byMark && expect != Expect.NotCounted ? 1 : 0);
        row.Average.Should().Be(answerHours is { } a ? TimeSpan.FromHours(a) : null);
        row.Median.Should().Be(answerHours is { } m ? TimeSpan.FromHours(m) : null);
        row.WithinDayPercent.Should().Be(expect switch { Expect.WithinDay => 100.0, Expect.Late => 0.0, _ => null });
        row.LatePercent.Should().Be(expect switch { Expect.WithinDay => 0.0, Expect.Late => 100.0, _ => null });
    }

    [Fact]
    public async Task Report_TwoCustomerMessagesBeforeOneAnswer_CountsEachTimedFromItsOwnSending()
    {
        await ArrangeAsync(Customer(Now.AddHours(-48)), Customer(Now.AddHours(-47)), Brand(Now.AddHours(-46)));

        var row = await AcmeAsync(7);

        row.Needed.Should().Be(2);
        row.WithinDay.Should().Be(2);
        row.Average.Should().Be(TimeSpan.FromMinutes(90));
        row.Median.Should().Be(TimeSpan.FromMinutes(90));
    }

    [Fact]
    public async Task Report_BrandMessageBeforeTheCustomerMessage_DoesNotStopItsTimer()
    {
        await ArrangeAsync(Brand(Now.AddHours(-50)), Customer(Now.AddHours(-48)));

        var row = await AcmeAsync(7);

        row.Late.Should().Be(1);
        row.Average.Should().BeNull();
    }

    [Fact]
    public async Task Report_SeveralConversations_AverageAndMedianOverAnsweredMessagesOnly()
    {
        await ArrangeAsync(Customer(Now.AddHours(-60)), Brand(Now.AddHours(-59)));  // 1 h
        await ArrangeAsync(Customer(Now.AddHours(-60)), Brand(Now.AddHours(-58)));  // 2 h
        await ArrangeAsync(Customer(Now.AddHours(-60)), Brand(Now.AddHours(-30)));  // 30 h, late
        await ArrangeAsync(Customer(Now.AddHours(-60)));                           // late, unanswered: no time
        await ArrangeAsync(Customer(Now.AddHours(-1)));                            // open

        var row = await AcmeAsync(7);

        row.Should().BeEquivalentTo(new { Needed = 5, WithinDay = 2, Late = 2, Open = 1, Decided = 4 });
        row.WithinDayPercent.Should().Be(50.0);
        row.LatePercent.Should().Be(50.0);
        row.Average.Should().Be(TimeSpan.FromHours(11)); // (1 + 2 + 30) / 3
        row.Median.Should().Be(TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task Report_MessagesOfDifferentAges_FallInThePeriodsThatCoverThem()
    {
        await ArrangeAsync(Customer(Now.AddDays(-3)), Brand(Now.AddDays(-3).AddHours(1)));
        await ArrangeAsync(Customer(Now.AddDays(-20)), Brand(Now.AddDays(-20).AddHours(1)));
        await ArrangeAsync(Customer(Now.AddDays(-60)), Brand(Now.AddDays(-60).AddHours(1)));
        await ArrangeAsync(Customer(Now.AddDays(-120)), Brand(Now.AddDays(-120).AddHours(1)));

        (await AcmeAsync(7)).Needed.Should().Be(1);
        (await AcmeAsync(30)).Needed.Should().Be(2);
        (await AcmeAsync(90)).Needed.Should().Be(3);
    }

    [Fact]
    public async Task Report_AnotherSellerAccountsThreadOnTheSharedBrand_IsNeverCounted()
    {
        await using (var db = Check())
            await ThreadAsync(db, "rep@globex.test", "Acme", Customer(Now.AddHours(-48)), Brand(Now.AddHours(-47)));
        await ArrangeAsync(Customer(Now.AddHours(-10)), Brand(Now.AddHours(-9)));

        (await AcmeAsync(7)).Needed.Should().Be(1, "only Acme Trading's own conversation counts for rep.two");
        (await AcmeAsync(7, "rep@globex.test")).Needed.Should().Be(1, "only Globex Retail's own conversation counts for rep@globex");
    }

    [Theory]
    [InlineData(Rep, new[] { "Acme", "Acme Outdoors" })]
    [InlineData("rep.one@acme.test", new[] { "Acme" })]
    [InlineData("rep@globex.test", new[] { "Acme", "Globex" })]
    [InlineData("noperm@acme.test", new string[0])]
    [InlineData("admin@acme.test", new string[0])]
    public async Task Report_ListsExactlyTheBrandsTheUserRepresents_ForEachPeriod(string user, string[] brands)
    {
        var report = await new ResponseTimeReport(Db, new FakeTimeProvider(Now)).LoadAsync(await UserAsync(user));

        report.Rows.Select(r => (r.BrandName, r.Days)).Should().Equal(brands.SelectMany(b => new[] { (b, 7), (b, 30), (b, 90) }));
    }
}
