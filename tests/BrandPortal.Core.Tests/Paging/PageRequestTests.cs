using BrandPortal.Core.Paging;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Paging;

public sealed class PageRequestTests
{
    private static readonly PageCursor Sample = new(1, new DateTimeOffset(2026, 11, 30, 12, 34, 56, TimeSpan.Zero).AddTicks(1230), 42);

    [Fact]
    public void Cursor_EncodeThenDecode_GivesTheSamePositionToTheMicrosecond()
    {
        PageCursor.TryDecode(Sample.Encode(), out var back).Should().BeTrue();
        back.Should().Be(Sample);
    }

    [Theory]
    [InlineData(null, null, false, false, null)]
    [InlineData("", "  ", false, false, null)]
    [InlineData("VALID", null, true, false, null)]
    [InlineData(null, "VALID", false, true, null)]
    [InlineData("VALID", "VALID", false, false, "not both")]
    [InlineData("garbage!!", null, false, false, "not valid")]
    [InlineData(null, "%00%27;DROP TABLE threads", false, false, "not valid")]
    [InlineData("cDEuMS4xLjA", null, false, false, "not valid")]                 // p1.1.1.0: id 0
    [InlineData("cDEuOS4xLjE", null, false, false, "not valid")]                 // p1.9.1.1: rank 9
    [InlineData("cDEuMC45OTk5OTk5OTk5OTk5OTk5OTk5LjE", null, false, false, "not valid")] // time beyond the year 9999
    [InlineData("MS5uLjEuMS4x", null, false, false, "not valid")]                // a reviews-list cursor
    public void Parse_Input_GivesThePageOrTheFirstPageWithAClearMessage(string? after, string? before, bool hasAfter, bool hasBefore, string? message)
    {
        var (request, said) = PageRequest.Parse(after?.Replace("VALID", Sample.Encode()), before?.Replace("VALID", Sample.Encode()));

        (request.After is not null).Should().Be(hasAfter);
        (request.Before is not null).Should().Be(hasBefore);
        if (message is null) said.Should().BeNull();
        else said.Should().Contain(message).And.Contain("showing the first page");
    }

    [Fact]
    public void Parse_VeryLongCursor_IsRefusedWithoutDecoding()
        => PageRequest.Parse(new string('A', 100_000), null).Message.Should().Be(PageRequest.InvalidLink);
}
