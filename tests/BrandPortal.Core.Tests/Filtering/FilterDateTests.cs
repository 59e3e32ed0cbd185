using BrandPortal.Core.Audit;
using BrandPortal.Core.Filtering;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Filtering;

public sealed class FilterDateTests
{
    [Theory]
    [InlineData("2024-02-29", FilterDateProblem.None)]
    [InlineData("2000-01-01", FilterDateProblem.None)]
    [InlineData("2100-12-31", FilterDateProblem.None)]
    [InlineData(" 2026-05-31 ", FilterDateProblem.None)]
    [InlineData("0001-01-01", FilterDateProblem.OutOfRange)]
    [InlineData("9999-12-31", FilterDateProblem.OutOfRange)]
    [InlineData("1999-12-31", FilterDateProblem.OutOfRange)]
    [InlineData("2101-01-01", FilterDateProblem.OutOfRange)]
    [InlineData("2023-02-29", FilterDateProblem.NotADate)]
    [InlineData("2100-02-29", FilterDateProblem.NotADate)] // 2100 is not a leap year
    [InlineData("2024-02-30", FilterDateProblem.NotADate)]
    [InlineData("2024-02-29T23:30:00+14:00", FilterDateProblem.NotADate)]
    [InlineData("2024-02-29T00:00:00-12:00", FilterDateProblem.NotADate)]
    [InlineData("2024-02-29Z", FilterDateProblem.NotADate)]
    [InlineData("+9999-12-31", FilterDateProblem.NotADate)]
    [InlineData("10000-01-01", FilterDateProblem.NotADate)]
    [InlineData("31-12-2026", FilterDateProblem.NotADate)]
    [InlineData("", FilterDateProblem.NotADate)]
    [InlineData(null, FilterDateProblem.NotADate)]
    public void TryParse_CalendarEdges(string? text, FilterDateProblem expected)
        => FilterDate.TryParse(text, out _).Should().Be(expected);

    [Theory]
    [InlineData(2024, 2, 29, "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z")]
    [InlineData(2023, 12, 31, "2023-12-31T00:00:00Z", "2024-01-01T00:00:00Z")]
    [InlineData(2100, 12, 31, "2100-12-31T00:00:00Z", "2101-01-01T00:00:00Z")]
    public void StartAndEnd_AreUtcMidnights(int year, int month, int day, string start, string end)
    {
        var date = new DateOnly(year, month, day);
        FilterDate.StartOf(date).Should().Be(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        FilterDate.StartOf(date).Offset.Should().Be(TimeSpan.Zero);
        FilterDate.EndOf(date).Should().Be(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EndOf_LastRepresentableDay_DoesNotOverflow()
    {
        FilterDate.EndOf(DateOnly.MaxValue).Should().Be(DateTimeOffset.MaxValue);
        FilterDate.StartOf(DateOnly.MinValue).Should().Be(DateTimeOffset.MinValue);
    }

    [Theory]
    [InlineData("0001-01-01", null, "From must be between 2000-01-01 and 2100-12-31")]
    [InlineData(null, "9999-12-31", "To must be between 2000-01-01 and 2100-12-31")]
    [InlineData("2023-02-29", null, "From must be a date like 2026-05-31.")]
    [InlineData(null, "2024-02-29T23:30:00+14:00", "To must be a date like 2026-05-31.")]
    public void AuditFilter_CalendarEdge_IsRefusedWithAMessage(string? from, string? to, string message)
    {
        var (filter, errors) = AuditFilter.Parse(null, null, from, to, null);
        errors.Should().ContainSingle().Which.Should().StartWith(message);
        filter.From.Should().BeNull();
        filter.To.Should().BeNull();
    }

    [Fact]
    public void AuditFilter_LeapDay_IsAccepted()
    {
        var (filter, errors) = AuditFilter.Parse(null, null, "2024-02-29", "2024-02-29", null);
        errors.Should().BeEmpty();
        filter.From.Should().Be(new DateOnly(2024, 2, 29));
        filter.To.Should().Be(new DateOnly(2024, 2, 29));
    }
}
