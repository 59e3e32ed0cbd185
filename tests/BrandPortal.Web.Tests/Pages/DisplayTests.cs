using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Pages;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Pages;

/// <summary>How pages write times and names: UTC, invariant culture, one name per contact reason.</summary>
public sealed class DisplayTests
{
    private static readonly DateTimeOffset Berlin = new(2026, 3, 3, 15, 5, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Dates_AnyOffset_AreWrittenInUtcWithTheInvariantCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Display.Day(Berlin).Should().Be("3 Mar 2026");
            Display.When(Berlin).Should().Be("3 Mar 2026, 14:05 UTC");
            Display.WhenInSentence(Berlin).Should().Be("3 Mar 2026 at 14:05 UTC");
            Display.Month(new DateOnly(2026, 5, 1)).Should().Be("May 2026");
            Display.Iso(Berlin).Should().Be("2026-03-03T14:05:00Z");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(ContactReason.CourtesyRefund, "Courtesy Refund")]
    [InlineData(ContactReason.CustomerSupport, "Customer Support")]
    public void Reason_ByValueOrStoredName_IsTheContactPagesName(ContactReason reason, string expected)
    {
        Display.Reason(reason).Should().Be(expected);
        Display.Reason(reason.ToString()).Should().Be(expected);
    }

    [Fact]
    public void Percent_NoContacts_IsADash()
    {
        Display.Percent(null).Should().Be("—");
        Display.Percent(0.5).Should().Be("50 %", "the invariant culture writes a space before the sign");
    }
}
