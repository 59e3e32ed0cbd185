using BrandPortal.Core.Csv;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Csv;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    public void Cell_Value_IsQuotedAndNeutralised(string? value, string expected) => CsvText.Cell(value).Should().Be(expected);

    [Fact]
    public void Line_JoinsCellsWithCommaAndEndsWithCrLf() => CsvText.Line(["a", null, "b,c"]).Should().Be("a,,\"b,c\"\r\n");
}
