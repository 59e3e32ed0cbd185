using System.Globalization;
using BrandPortal.Core;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Text;

/// <summary>A service's interpolated message keeps its English sentence and also carries its format and values for translation.</summary>
public sealed class MessageTemplateTests
{
    [Fact]
    public void Done_InterpolatedMessage_CarriesFormatAndValuesBesideTheSameSentence()
    {
        var prefix = "bp_live_abcd1234";
        var count = 1234;

        var outcome = Outcome.Done($"The key {prefix} was revoked after {count:N0} uses.");

        outcome.Message.Should().Be($"The key {prefix} was revoked after {count:N0} uses.");
        outcome.Template!.Format.Should().Be("The key {0} was revoked after {1:N0} uses.");
        outcome.Template.Args.Should().Equal(prefix, count);
    }

    [Fact]
    public void Refused_PlainMessageWithBraces_IsItsOwnFormat()
    {
        var outcome = Outcome.Refused("Use {placeholders} literally.");

        outcome.Template!.Format.Should().Be("Use {{placeholders}} literally.");
        outcome.Template.Render(CultureInfo.InvariantCulture).Should().Be("Use {placeholders} literally.");
    }

    [Fact]
    public void Conflict_InterpolatedLiteralBraces_AreEscapedInTheFormat()
    {
        var number = "BR-00001";

        var outcome = Outcome.Conflict($"Case {number} is {{closed}}.");

        outcome.Message.Should().Be("Case BR-00001 is {closed}.");
        outcome.Template!.Format.Should().Be("Case {0} is {{closed}}.");
    }
}
