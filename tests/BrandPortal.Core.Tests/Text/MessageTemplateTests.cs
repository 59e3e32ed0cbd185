using BrandPortal.Core;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Text;

/// <summary>A service's interpolated message keeps its English sentence and also carries its format and values for translation.</summary>
public sealed class MessageTemplateTests
{
    [Fact]
    public void DoneFormat_InterpolatedMessage_CarriesFormatAndValuesBesideTheSameSentence()
    {
        var prefix = "bp_live_abcd1234";
        var count = 1234;

        var outcome = Outcome.DoneFormat($"The key {prefix} was revoked after {count:N0} uses.");

        outcome.Message.Should().Be("The key bp_live_abcd1234 was revoked after 1,234 uses.");
        outcome.Format.Should().Be("The key {0} was revoked after {1:N0} uses.");
        outcome.Args.Should().Equal(prefix, count);
    }

    [Fact]
    public void ConflictFormat_InterpolatedLiteralBraces_AreEscapedInTheFormat()
    {
        var number = "BR-00001";

        var outcome = Outcome.ConflictFormat($"Case {number} is {{closed}}.");

        outcome.Kind.Should().Be(OutcomeKind.Conflict);
        outcome.Message.Should().Be("Case BR-00001 is {closed}.");
        outcome.Format.Should().Be("Case {0} is {{closed}}.");
    }

    [Fact]
    public void RefusedFormat_FormatAndArguments_StillBindsToTheExplicitOverload()
    {
        var outcome = Outcome.RefusedFormat("The note is {0} characters long; keep it to {1}.", 2345, 2000);

        outcome.Message.Should().Be("The note is 2345 characters long; keep it to 2000.");
        outcome.Format.Should().Be("The note is {0} characters long; keep it to {1}.");
    }
}
