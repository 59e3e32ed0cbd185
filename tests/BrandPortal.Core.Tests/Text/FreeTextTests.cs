using BrandPortal.Core.Text;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Text;

public sealed class FreeTextTests
{
    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData("\u00AD \u202E\u2066 ")]
    [InlineData("\u3164\u2800")]
    [InlineData("\u001B\u0007\u0001")]
    [InlineData("   \r\n\t ")]
    [InlineData(null)]
    public void Clean_OnlyInvisibleOrControlCharacters_IsRefused(string? input)
    {
        var result = FreeText.Clean(input, "Write an answer before sending.");
        result.Ok.Should().BeFalse();
        result.Refusal.Should().Be("Write an answer before sending.");
        result.Text.Should().BeEmpty();
    }

    [Theory]
    [InlineData("\u001B[31mred\u0007\u0001", "[31mred")]
    [InlineData("a\u0085b\u009Bc", "abc")]
    [InlineData("up\u00ADdate\u200B", "update")]
    [InlineData("\u202Eevil\u202C", "evil")]
    [InlineData("one\r\ntwo\rthree\n\tfour", "one\ntwo\nthree\n\tfour")]
    [InlineData("  Danke schön! ありがとう 🙂  ", "Danke schön! ありがとう 🙂")]
    [InlineData("tag\U000E0041\U000E0042", "tag")]
    public void Normalise_StripsControlAndFormatCharacters_KeepsLineBreaksTabsAndText(string input, string expected)
        => FreeText.Normalise(input).Should().Be(expected);

    [Fact]
    public void Clean_VisibleText_IsAccepted()
    {
        var result = FreeText.Clean(" We are sorry.\u200B ", "unused");
        result.Ok.Should().BeTrue();
        result.Text.Should().Be("We are sorry.");
    }
}
