using System.Text.RegularExpressions;
using BrandPortal.Core.Messaging.Guidelines;
using BrandPortal.Core.Text;

namespace BrandPortal.Core.Messaging;

/// <summary>The communication guidelines (docs/PRODUCT.md#guidelines) that a brand's answer must follow.</summary>
public enum GuidelineRule
{
    AsksToChangeReview,
    AsksForPositiveReview,
    IncentiveForReview,
    Link,
    EmailAddress,
    PhoneNumber,
    OtherChannel,
}

public sealed record GuidelineViolation(GuidelineRule Rule, string Title, string Explanation, string Excerpt);

/// <summary>
/// Checks a brand's free-text answer against the communication guidelines. Pure: the same text always gives the
/// same verdict. Reviews are the customer's own words, so anything that asks to change them, asks for a good one
/// or pays for one is refused; so are links, contact details and other messaging services, which would move the
/// conversation off the portal. The text is first normalised (<see cref="TextNormaliser"/>) so that lookalike
/// letters, invisible characters, spacing, digits for letters and entities read as the words they disguise; then
/// meanings are matched one sentence at a time, so "review" in one sentence and "free" in the next do not meet.
/// Requests are matched in English, German, French, Spanish and Japanese, the languages of the customer emails.
/// </summary>
public static partial class GuidelineChecker
{
    public static IReadOnlyList<GuidelineViolation> Check(string text)
    {
        var violations = new List<GuidelineViolation>();
        if (string.IsNullOrWhiteSpace(text)) return violations;
        var views = TextNormaliser.Normalise(text);
        // Contact details first, on the whole text: an address or number split over sentences still counts.
        foreach (var (rule, excerpt) in ContactDetails.Find(views)) Add(violations, rule, excerpt);

        var original = Sentences(Spaces().Replace(FreeText.Normalise(text), " "));
        foreach (var view in new[] { views.Words, views.Leet })
        {
            var sentences = Sentences(view);
            for (var i = 0; i < sentences.Length; i++)
            {
                // The customer's sentence as written, when the normalised text still splits the same way.
                var excerpt = sentences.Length == original.Length ? original[i] : sentences[i];
                foreach (var rule in MeaningMatcher.Find(sentences[i], views.Joined).Concat(JapanesePatterns.Find(sentences[i])))
                    Add(violations, rule, excerpt);
            }
        }
        return violations.OrderBy(v => v.Rule).ToList();
    }

    public static (string Title, string Explanation) Describe(GuidelineRule rule) => rule switch
    {
        GuidelineRule.AsksToChangeReview => ("Do not ask to change, update or remove a review",
            "The review is the customer's own opinion. Help with the problem; do not mention changing, updating or removing the review."),
        GuidelineRule.AsksForPositiveReview => ("Do not ask for a review or a better rating",
            "Do not ask the customer to leave, write or improve a review or rating."),
        GuidelineRule.IncentiveForReview => ("Do not tie a refund, gift or discount to a review",
            "Offers must never depend on, or be linked to, the customer's review or rating."),
        GuidelineRule.Link => ("No links",
            "Remove web addresses, however they are written: the conversation stays in BrandPortal."),
        GuidelineRule.EmailAddress => ("No email addresses",
            "Remove the email address: the customer's and the brand's addresses stay private, and the conversation stays in BrandPortal."),
        GuidelineRule.PhoneNumber => ("No phone numbers",
            "Remove the phone number, in digits or in words: the conversation stays in BrandPortal."),
        GuidelineRule.OtherChannel => ("No other messaging services",
            "Do not invite the customer to WhatsApp, Telegram, social media or private messages: the conversation stays in BrandPortal."),
        _ => (rule.ToString(), ""),
    };

    private static string[] Sentences(string text)
        => SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

    private static void Add(List<GuidelineViolation> list, GuidelineRule rule, string excerpt)
    {
        if (list.Any(v => v.Rule == rule)) return;
        var (title, explanation) = Describe(rule);
        list.Add(new GuidelineViolation(rule, title, explanation, excerpt.Trim()));
    }

    /// <summary>After . ! ? ; followed by a space, after a Japanese sentence end (。 reads as "." once normalised), at line breaks.</summary>
    [GeneratedRegex(@"(?<=[.!?;])\s+|(?<=[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}ー][.!?])|(?<=[。！？])|\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();
}
