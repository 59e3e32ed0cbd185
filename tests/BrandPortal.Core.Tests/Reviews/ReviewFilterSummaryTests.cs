using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Reviews;

public sealed class ReviewFilterSummaryTests
{
    private static readonly BrandRoleGrant Acme = new(1, "Acme", BrandRole.BrandRepresentative);
    private static readonly BrandRoleGrant Globex = new(2, "Globex", BrandRole.BrandRepresentative);

    [Fact]
    public void Describe_Default_SaysAllBrandsCriticalStarsTwelveMonthsNewest()
        => ReviewFilterSummary.Describe(ReviewFilter.Default, [Acme, Globex])
            .Should().Be("All your brands · 1, 2, 3 stars · Last 12 months · newest first");

    [Fact]
    public void Describe_OneBrandOneStarSearchAndSort_NamesEach()
        => ReviewFilterSummary.Describe(ReviewFilter.Default with { BrandId = 2, Stars = [1], Search = "lid", Sort = ReviewSort.Lowest }, [Acme, Globex])
            .Should().Be("Globex · 1 star · Last 12 months · matching “lid” · lowest rating first");

    [Fact]
    public void Describe_OnlyBrandAllStarsAllTime_NamesTheBrand()
        => ReviewFilterSummary.Describe(ReviewFilter.Default with { Stars = [1, 2, 3, 4, 5], Period = ReviewPeriod.All, Sort = ReviewSort.Oldest }, [Acme, Acme])
            .Should().Be("Acme · All ratings · All time · oldest first");

    [Theory]
    [InlineData("2026-01-01", "2026-01-31", "1 Jan 2026 to 31 Jan 2026")]
    [InlineData("2026-01-01", null, "1 Jan 2026 to today")]
    [InlineData(null, "2026-01-31", "Any date to 31 Jan 2026")]
    public void Period_CustomDates_AreWrittenAsARange(string? from, string? to, string expected)
        => ReviewFilterSummary.Period(ReviewFilter.Default with
        {
            Period = ReviewPeriod.Custom,
            From = from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            To = to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
        }).Should().Be(expected);

    [Fact]
    public void Period_EveryPresetCode_HasAName()
        => ReviewFilter.Periods.Values.Select(ReviewFilterSummary.Period).Should()
            .Equal("Last 30 days", "Last 90 days", "Last 12 months", "All time", "Custom dates");
}
