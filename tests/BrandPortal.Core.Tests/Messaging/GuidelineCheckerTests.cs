using BrandPortal.Core.Messaging;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Messaging;

public sealed class GuidelineCheckerTests
{
    public static TheoryData<string> Allowed => new()
    {
        "Thank you for your message, we are sorry the kettle leaks.",
        "We are sending you a replacement lid today.",
        "Could you tell us which model number is printed under the base?",
        "The replacement should arrive within 3 to 5 business days.",
        "We have checked order 111-0000031-0000217 and it shipped on time.",
        "Thank you for your feedback, it helps us improve our products.",
        "We read your review and we are sorry for the trouble.",
        "Please try descaling the kettle with a little vinegar and water.",
        "If the problem continues, we can send you a new unit.",
        "Our team has updated the packaging so that lids no longer crack in transit.",
        "We have improved our product based on reviews like yours.",
        "The warranty covers this fault for two years.",
        "Does the lid close fully when you press it down?",
        "We appreciate your patience while we look into this.",
        "Sorry again for the inconvenience.",
        "Your refund has been processed and should appear within a week.",
        "A new seal is included in the parcel we sent yesterday.",
        "You can keep the original item, there is no need to return it.",
        "Please let us know if the new blender works as expected.",
        "The noise you describe usually means the blade is loose.",
        "We would be happy to help you set up the toaster.",
        "The instructions are also printed on the back of the box.",
        "Is the power light on when the cooker is plugged in?",
        "We tested the batch produced in March and found no defect.",
        "Thanks for letting us know about the smell, that is not normal.",
        "Our engineers will inspect the unit you return.",
        "You may use the prepaid label included in your parcel.",
        "We hope the new mug set arrives in perfect condition.",
        "Please describe what happened when the stove stopped working.",
        "We have shared your comments with our quality team.",
        "The headlamp needs three AAA batteries.",
        "We are glad the replacement fixed the leak.",
        "Have a great day and enjoy your coffee.",
        "Your satisfaction matters to us, whatever you decide.",
        "Could you send us a photo of the damage through this conversation?",
        "We will answer every question you have here.",
        "The chair's height lever can be tightened with the included key.",
        "We understand your frustration and want to make it right.",
        "A courier will collect the parcel on Monday between 9 and 12.",
        "We changed our supplier of seals last month.",
        "Please reply here if anything else is wrong.",
        "The 1.7 L kettle should never be filled above the max line.",
    };

    public static TheoryData<string, GuidelineRule> Refused => new()
    {
        { "Could you please change your review now that the problem is fixed?", GuidelineRule.AsksToChangeReview },
        { "Would you consider updating your review?", GuidelineRule.AsksToChangeReview },
        { "Please remove the review, it hurts our small business.", GuidelineRule.AsksToChangeReview },
        { "We kindly ask you to delete your 1-star review.", GuidelineRule.AsksToChangeReview },
        { "Could you edit your rating after trying the replacement?", GuidelineRule.AsksToChangeReview },
        { "Please reconsider your rating.", GuidelineRule.AsksToChangeReview },
        { "Would you be willing to revise the review you wrote?", GuidelineRule.AsksToChangeReview },
        { "It would mean a lot if you could take down your negative review.", GuidelineRule.AsksToChangeReview },
        { "Once you are happy, please amend your feedback.", GuidelineRule.AsksToChangeReview },
        { "We hope your review can be updated once the new unit arrives.", GuidelineRule.AsksToChangeReview },
        { "Could you withdraw your critical review?", GuidelineRule.AsksToChangeReview },
        { "Please modify your comment on the product page.", GuidelineRule.AsksToChangeReview },
        { "Would you mind raising your rating to reflect our service?", GuidelineRule.AsksToChangeReview },
        { "Please leave us a positive review.", GuidelineRule.AsksForPositiveReview },
        { "We would love a 5-star review from you.", GuidelineRule.AsksForPositiveReview },
        { "Could you write a review about your experience with our support?", GuidelineRule.AsksForPositiveReview },
        { "Please give us five stars if you are satisfied.", GuidelineRule.AsksForPositiveReview },
        { "A good rating would really help us.", GuidelineRule.AsksForPositiveReview },
        { "If you liked our service, post a review!", GuidelineRule.AsksForPositiveReview },
        { "We hope you will rate us higher stars next time.", GuidelineRule.AsksForPositiveReview },
        { "Happy customers leave great feedback, we hope you will too.", GuidelineRule.AsksForPositiveReview },
        { "Please submit a new rating for the blender.", GuidelineRule.AsksForPositiveReview },
        { "A better review would be appreciated.", GuidelineRule.AsksForPositiveReview },
        { "We will send you a free kettle if you update your review.", GuidelineRule.IncentiveForReview },
        { "Get a 20% discount on your next order for a new review.", GuidelineRule.IncentiveForReview },
        { "We offer a $10 gift card in exchange for your rating.", GuidelineRule.IncentiveForReview },
        { "A coupon is waiting for you once you change your stars.", GuidelineRule.IncentiveForReview },
        { "We can refund you in full if you delete the review.", GuidelineRule.IncentiveForReview },
        { "Reviewers who remove their rating get store credit.", GuidelineRule.IncentiveForReview },
        { "We will pay you for a new review.", GuidelineRule.IncentiveForReview },
        { "You can find the manual at https://acme.example.com/manuals.", GuidelineRule.Link },
        { "Visit www.acme-support.com for help.", GuidelineRule.Link },
        { "Our shop acmeoutlet.com has spare lids.", GuidelineRule.Link },
        { "See bit.ly/acme-fix for a video.", GuidelineRule.Link },
        { "Download the guide from http://example.org/guide.pdf please.", GuidelineRule.Link },
        { "Write to us at support@acme.test and we will help.", GuidelineRule.EmailAddress },
        { "Email jane.support+orders@acme-trading.co.uk directly.", GuidelineRule.EmailAddress },
        { "Contact help (at) acme (dot) com for faster service.", GuidelineRule.EmailAddress },
        { "My address is service@acme.de, write any time.", GuidelineRule.EmailAddress },
        { "Call us on +1 206 555 0199 any time.", GuidelineRule.PhoneNumber },
        { "Our hotline is 0800 123 4567.", GuidelineRule.PhoneNumber },
        { "Ring (030) 1234-5678 between 9 and 5.", GuidelineRule.PhoneNumber },
        { "Text 555-867-5309 and we will call you back.", GuidelineRule.PhoneNumber },
        { "Please phone +49 30 901820 to arrange a pickup.", GuidelineRule.PhoneNumber },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Check_AllowedSentence_HasNoViolation(string sentence)
        => GuidelineChecker.Check(sentence).Should().BeEmpty($"“{sentence}” follows the guidelines");

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_RefusedSentence_NamesTheRule(string sentence, GuidelineRule rule)
        => GuidelineChecker.Check(sentence).Select(v => v.Rule).Should().Contain(rule, $"“{sentence}” breaks {rule}");

    [Fact]
    public void Tables_HoldAtLeastFortyOfEach()
    {
        Allowed.Count.Should().BeGreaterThanOrEqualTo(40);
        Refused.Count.Should().BeGreaterThanOrEqualTo(40);
    }

    [Fact]
    public void Check_ReviewWordAndIncentiveInDifferentSentences_IsAllowed()
        => GuidelineChecker.Check("Thanks for the review. We are sending a free replacement lid.").Should().BeEmpty();

    [Fact]
    public void Check_SeveralViolations_NamesEach()
        => GuidelineChecker.Check("Please update your review. Mail me at a@b.com.").Select(v => v.Rule)
            .Should().BeEquivalentTo([GuidelineRule.AsksToChangeReview, GuidelineRule.EmailAddress]);

    [Fact]
    public void Check_Violation_ExplainsWhatToDo()
    {
        var violation = GuidelineChecker.Check("Visit www.acme.com").Single();
        violation.Title.Should().Be("No links");
        violation.Explanation.Should().NotBeNullOrWhiteSpace();
        violation.Excerpt.Should().Contain("www.acme.com");
    }

    [Fact]
    public void Check_DisguisedSentence_QuotesTheSentenceAsWritten()
    {
        const string disguised = "Please upd4te your r\u0435v\u200Biew.";
        var violation = GuidelineChecker.Check("Thanks for your patience! " + disguised).Single();
        violation.Rule.Should().Be(GuidelineRule.AsksToChangeReview);
        violation.Excerpt.Should().Be("Please upd4te your r\u0435view.", "the excerpt is the brand's own sentence, invisible characters removed");
    }

    [Theory]
    [InlineData("Message us on WhatsApp.")]
    [InlineData("Our Telegram is @acme_help.")]
    [InlineData("DM me and we will sort it out.")]
    [InlineData("LINEでご連絡ください。")]
    public void Check_OtherMessagingService_IsRefusedAsOtherChannel(string sentence)
        => GuidelineChecker.Check(sentence).Select(v => v.Rule).Should().Contain(GuidelineRule.OtherChannel);

    [Fact]
    public void Check_OrdinaryAnswerWithNumbersAndReviewAsVerb_HasNoViolation()
        => GuidelineChecker.Check("Could you tell us the batch number? Our team will review the case; order 111-0000001-0000001 costs 29.99.")
            .Should().BeEmpty();

    [Theory]
    [InlineData("a ")]
    [InlineData("1 ")]
    [InlineData("u.p.")]
    [InlineData("xqzvw ")]
    [InlineData("&#8203;")]
    [InlineData("review update ")]
    public void Check_LongestAnswerOfRepeatedPattern_FinishesWithinTwoSeconds(string unit)
    {
        GuidelineChecker.Check("Warm up: www.acme.com, 555 123 4567, please update your review."); // builds the patterns once
        var text = string.Concat(Enumerable.Repeat(unit, 4000 / unit.Length));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        GuidelineChecker.Check(text);
        // About 0.2 s at worst on a quiet machine; the margin is for a busy CI runner. Backtracking patterns took 7 s.
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the checker runs on every answer a brand sends");
    }
}
