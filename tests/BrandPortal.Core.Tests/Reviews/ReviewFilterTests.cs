using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Reviews;

public sealed class ReviewFilterTests
{
    private static readonly IReadOnlyList<BrandRoleGrant> Brands =
        [new(1, "Acme", BrandRole.BrandRepresentative), new(2, "Acme Outdoors", BrandRole.BrandRepresentative)];

    private static ParsedReviewFilter Parse(string? stars = null, string? brand = null, string? period = null, string? from = null, string? to = null,
        string? contact = null, string? q = null, string? sort = null, string? after = null)
        => ReviewFilter.Parse(new ReviewFilterInput(stars is null ? [] : stars.Split(','), brand, period, from, to, contact, q, sort, after), Brands);

    [Fact]
    public void Parse_Nothing_GivesCriticalReviewsOfTheLast12MonthsNewestFirst()
    {
        var parsed = Parse();
        parsed.Messages.Should().BeEmpty();
        parsed.Filter.Should().Be(ReviewFilter.Default with { Stars = parsed.Filter.Stars });
        parsed.Filter.Stars.Should().Equal(1, 2, 3);
        parsed.Filter.ToQueryString().Should().Be("?stars=1&stars=2&stars=3");
    }

    [Theory]
    [InlineData("1,2", new[] { 1, 2 }, false)]
    [InlineData("5,4,4", new[] { 4, 5 }, false)]
    [InlineData("9", new[] { 1, 2, 3 }, true)]
    [InlineData("0,2", new[] { 2 }, true)]
    [InlineData("abc,-1,+2, 3", new[] { 1, 2, 3 }, true)]
    [InlineData("3.0", new[] { 1, 2, 3 }, true)]
    public void Parse_Stars_KeepsValidOnes(string stars, int[] expected, bool message)
    {
        var parsed = Parse(stars);
        parsed.Filter.Stars.Should().Equal(expected);
        parsed.Messages.Any().Should().Be(message);
    }

    [Theory]
    [InlineData("2", 2L, null)]
    [InlineData("3", null, "You do not represent that brand")]
    [InlineData("abc", null, "That brand is not valid")]
    [InlineData("-1", null, "That brand is not valid")]
    [InlineData("99999999999999999999", null, "That brand is not valid")]
    public void Parse_Brand_OnlyARepresentedOne(string brand, long? expected, string? message)
    {
        var parsed = Parse(brand: brand);
        parsed.Filter.BrandId.Should().Be(expected);
        if (message is null) parsed.Messages.Should().BeEmpty();
        else parsed.Messages.Should().ContainSingle().Which.Should().StartWith(message);
    }

    [Theory]
    [InlineData("30d", ReviewPeriod.Last30Days)]
    [InlineData("90D", ReviewPeriod.Last90Days)]
    [InlineData("12m", ReviewPeriod.Last12Months)]
    [InlineData("all", ReviewPeriod.All)]
    public void Parse_Period_Presets(string period, ReviewPeriod expected)
    {
        var parsed = Parse(period: period);
        parsed.Filter.Period.Should().Be(expected);
        parsed.Messages.Should().BeEmpty();
    }

    [Theory]
    [InlineData("forever", null, null, "The time period must be")]
    [InlineData("custom", null, null, "Custom dates need")]
    [InlineData(null, "2026-05-01", "2026-01-01", "The end date is before the start date.")]
    [InlineData(null, "2026-13-01", null, "The start date must be a date like 2026-01-31.")]
    [InlineData("30d", null, "01/02/2026", "The end date must be a date like 2026-01-31.")]
    public void Parse_BadPeriod_FallsBackTo12Months(string? period, string? from, string? to, string message)
    {
        var parsed = Parse(period: period, from: from, to: to);
        parsed.Filter.Period.Should().Be(ReviewPeriod.Last12Months);
        parsed.Filter.From.Should().BeNull();
        parsed.Messages.Should().Contain(m => m.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Dates_TakePrecedenceAndCoverWholeDays()
    {
        var parsed = Parse(period: "30d", from: "2026-01-01", to: "2026-01-31");
        parsed.Filter.Period.Should().Be(ReviewPeriod.Custom);
        var (since, until) = parsed.Filter.Window(DateTimeOffset.UtcNow);
        since.Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        until.Should().Be(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        parsed.Filter.ToQueryString().Should().Be("?stars=1&stars=2&stars=3&from=2026-01-01&to=2026-01-31");
    }

    [Fact]
    public void Window_ExtremeDates_AreRefusedWithAMessageAndDoNotOverflow()
    {
        var parsed = Parse(from: "0001-01-01", to: "9999-12-31");
        parsed.Messages.Should().Contain("The start date must be between 2000-01-01 and 2100-12-31.")
            .And.Contain("The end date must be between 2000-01-01 and 2100-12-31.");
        parsed.Filter.Period.Should().Be(ReviewPeriod.Last12Months);
        parsed.Filter.Window(DateTimeOffset.UtcNow).Since.Should().NotBeNull();
    }

    [Theory]
    [InlineData("0001-01-01", null, "The start date must be between 2000-01-01 and 2100-12-31.")]
    [InlineData("9999-12-31", null, "The start date must be between 2000-01-01 and 2100-12-31.")]
    [InlineData(null, "9999-12-31", "The end date must be between 2000-01-01 and 2100-12-31.")]
    [InlineData(null, "0001-01-01", "The end date must be between 2000-01-01 and 2100-12-31.")]
    [InlineData("2023-02-29", null, "The start date must be a date like 2026-01-31.")]
    [InlineData(null, "2023-02-29", "The end date must be a date like 2026-01-31.")]
    [InlineData("2024-02-29T23:30:00+14:00", null, "The start date must be a date like 2026-01-31.")]
    [InlineData(null, "2024-02-29-12:00", "The end date must be a date like 2026-01-31.")]
    public void Parse_CalendarEdge_IsRefusedWithAMessage(string? from, string? to, string message)
    {
        var parsed = Parse(from: from, to: to);
        parsed.Messages.Should().Contain(message);
        parsed.Filter.Period.Should().Be(ReviewPeriod.Last12Months);
        parsed.Filter.From.Should().BeNull();
        parsed.Filter.To.Should().BeNull();
    }

    [Theory]
    [InlineData("2024-02-29", "2024-02-29", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z")]
    [InlineData("2000-01-01", "2100-12-31", "2000-01-01T00:00:00Z", "2101-01-01T00:00:00Z")]
    [InlineData("2023-12-31", "2023-12-31", "2023-12-31T00:00:00Z", "2024-01-01T00:00:00Z")]
    public void Window_CalendarEdgeWithinRange_CoversTheWholeUtcDays(string from, string to, string since, string until)
    {
        var parsed = Parse(from: from, to: to);
        parsed.Messages.Should().BeEmpty();
        var window = parsed.Filter.Window(DateTimeOffset.UtcNow);
        window.Since.Should().Be(DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture));
        window.Until.Should().Be(DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("none", ContactFilter.None)]
    [InlineData("SENT", ContactFilter.Sent)]
    [InlineData("replied", ContactFilter.Replied)]
    [InlineData("", ContactFilter.Any)]
    public void Parse_Contact(string contact, ContactFilter expected) => Parse(contact: contact).Filter.Contact.Should().Be(expected);

    [Fact]
    public void Parse_UnknownContact_SaysSo() => Parse(contact: "maybe").Messages.Should().ContainSingle().Which.Should().Contain("contact state");

    [Theory]
    [InlineData("  leaks  ", "leaks")]
    [InlineData("lea\0ks\u0001", "leaks")]
    [InlineData("   ", null)]
    public void Parse_Search_IsTrimmedOfControlCharacters(string q, string? expected) => Parse(q: q).Filter.Search.Should().Be(expected);

    [Fact]
    public void Parse_TooLongSearch_IsNotAppliedAndSaysSo()
    {
        var parsed = Parse(q: new string('a', 10_000));
        parsed.Filter.Search.Should().BeNull();
        parsed.Messages.Should().ContainSingle().Which.Should().Contain("200 characters");
        Parse(q: new string('a', 200)).Filter.Search.Should().HaveLength(200);
    }

    [Theory]
    [InlineData("oldest", ReviewSort.Oldest, false)]
    [InlineData("lowest", ReviewSort.Lowest, false)]
    [InlineData("best", ReviewSort.Newest, true)]
    public void Parse_Sort(string sort, ReviewSort expected, bool message)
    {
        var parsed = Parse(sort: sort);
        parsed.Filter.Sort.Should().Be(expected);
        parsed.Messages.Any().Should().Be(message);
    }

    [Fact]
    public void Cursor_RoundTripsToTheMicrosecond()
    {
        var cursor = new ReviewCursor(ReviewSort.Lowest, 2, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234560), 987654);
        var encoded = cursor.Encode();
        encoded.Should().MatchRegex("^[A-Za-z0-9_-]+$");
        ReviewCursor.TryDecode(encoded, out var back).Should().BeTrue();
        back.Should().Be(cursor);
        Parse(sort: "lowest", after: encoded).Filter.After.Should().Be(cursor);
    }

    [Theory]
    [InlineData("garbage!!")]
    [InlineData("Mi5uLjEuNS4x")] // "2.n.1.5.1": unknown version
    [InlineData("MS5uLjkuNS4x")] // "1.n.9.5.1": no such rating
    [InlineData("MS56LjEuNS4x")] // "1.z.1.5.1": no such sort
    [InlineData("MS5uLjEuOTk5OTk5OTk5OTk5OTk5OTk5OTkuMQ")] // out of range time
    public void Parse_MalformedCursor_StartsAtFirstPageWithMessage(string after)
    {
        var parsed = Parse(after: after);
        parsed.Filter.After.Should().BeNull();
        parsed.Messages.Should().ContainSingle().Which.Should().Contain("page link is not valid");
    }

    [Fact]
    public void Parse_CursorOfAnotherSort_IsIgnoredWithMessage()
    {
        var encoded = new ReviewCursor(ReviewSort.Newest, 2, DateTimeOffset.UnixEpoch, 5).Encode();
        var parsed = Parse(sort: "oldest", after: encoded);
        parsed.Filter.After.Should().BeNull();
        parsed.Messages.Should().ContainSingle().Which.Should().Contain("another sort order");
    }

    [Fact]
    public void ToQuery_NonDefaults_AreAllInTheLink()
    {
        var parsed = Parse(stars: "1", brand: "2", period: "all", contact: "none", q: "leaks & drips", sort: "oldest");
        parsed.Filter.ToQueryString().Should().Be("?stars=1&brand=2&period=all&contact=none&q=leaks%20%26%20drips&sort=oldest");
    }
}
