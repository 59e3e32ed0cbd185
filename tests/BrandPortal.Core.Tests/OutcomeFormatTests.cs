using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests;

/// <summary>A message with values keeps its English format and values apart, so that Web can write it in the reader's language.</summary>
public sealed class OutcomeFormatTests
{
    [Fact]
    public void RefusedFormat_NumbersAndTime_MessageIsTheEnglishSentenceAndFormatAndValuesAreKept()
    {
        var at = new DateTimeOffset(2026, 3, 3, 14, 5, 0, TimeSpan.Zero);
        var outcome = Outcome.RefusedFormat("Accepted on {0}, {1} of {2}.", at, 4001, 4000);

        outcome.Kind.Should().Be(OutcomeKind.Refused);
        outcome.Message.Should().Be("Accepted on 3 Mar 2026, 4001 of 4000.");
        outcome.Format.Should().Be("Accepted on {0}, {1} of {2}.");
        outcome.Args.Should().Equal(at, 4001, 4000);
    }

    [Fact]
    public void Done_FixedText_HasNoFormat()
    {
        var outcome = Outcome.Done("Answer sent.");
        outcome.Format.Should().BeNull();
        outcome.Args.Should().BeEmpty();
    }
}
