using System.Text.RegularExpressions;

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
}

public sealed record GuidelineViolation(GuidelineRule Rule, string Title, string Explanation, string Excerpt);

/// <summary>
/// Checks a brand's free-text answer against the communication guidelines. Pure: the same text always gives the
/// same verdict. Reviews are the customer's own words, so anything that asks to change them, asks for a good one
/// or pays for one is refused; so are links and contact details, which would move the conversation off the portal.
/// The patterns look at one sentence at a time so that "review" in one sentence and "free" in the next do not meet.
/// </summary>
public static partial class GuidelineChecker
{
    public static IReadOnlyList<GuidelineViolation> Check(string text)
    {
        var violations = new List<GuidelineViolation>();
        if (string.IsNullOrWhiteSpace(text)) return violations;
        var normalized = Regex.Replace(text, @"\s+", " ");
        // Contact details first, on the whole text: an address or number split over sentences still counts.
        Add(violations, GuidelineRule.EmailAddress, EmailPattern().Match(normalized));
        if (!violations.Any(v => v.Rule == GuidelineRule.EmailAddress)) Add(violations, GuidelineRule.Link, LinkPattern().Match(normalized));
        foreach (Match m in PhonePattern().Matches(normalized))
        {
            var digits = m.Value.Count(char.IsDigit);
            if (digits is >= 7 and <= 15 && !OrderIdPattern().IsMatch(m.Value.Trim()) && !DatePattern().IsMatch(m.Value.Trim()))
            {
                Add(violations, GuidelineRule.PhoneNumber, m);
                break;
            }
        }
        foreach (var sentence in SentenceSplit().Split(normalized))
        {
            var review = ReviewWord().Match(sentence);
            if (!review.Success) continue;
            if (IncentiveReviewWord().IsMatch(sentence) && Incentive().Match(sentence) is { Success: true } incentive) Add(violations, GuidelineRule.IncentiveForReview, incentive, sentence);
            if (PositiveReview().Match(sentence) is { Success: true } positive) Add(violations, GuidelineRule.AsksForPositiveReview, positive, sentence);
            else if (ChangeReview().Match(sentence) is { Success: true } change) Add(violations, GuidelineRule.AsksToChangeReview, change, sentence);
            else if (ReviewChanged().Match(sentence) is { Success: true } changed) Add(violations, GuidelineRule.AsksToChangeReview, changed, sentence);
        }
        return violations;
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
            "Remove web addresses: the conversation stays in BrandPortal."),
        GuidelineRule.EmailAddress => ("No email addresses",
            "Remove the email address: the customer's and the brand's addresses stay private, and the conversation stays in BrandPortal."),
        GuidelineRule.PhoneNumber => ("No phone numbers",
            "Remove the phone number: the conversation stays in BrandPortal."),
        _ => (rule.ToString(), ""),
    };

    private static void Add(List<GuidelineViolation> list, GuidelineRule rule, Match m, string? sentence = null)
    {
        if (!m.Success || list.Any(v => v.Rule == rule)) return;
        var (title, explanation) = Describe(rule);
        list.Add(new GuidelineViolation(rule, title, explanation, (sentence ?? m.Value).Trim()));
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+\s*(@|\(at\)|\[at\]|\s+at\s+)\s*[A-Za-z0-9-]+\s*(\.|\(dot\)|\[dot\]|\s+dot\s+)\s*(com|net|org|io|de|fr|es|jp|uk|co|info|biz|me|test)\b|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(https?://|ftp://|www\.)\S+|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|io|co|biz|info|shop|store|me|ly|app|site|online|de|fr|es|jp|uk|us)\b(/\S*)?|\b(bit\.ly|t\.co|tinyurl)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\+?\(?\d[\d\s().\-/]{5,}\d")]
    private static partial Regex PhonePattern();

    /// <summary>Order ids (111-0000001-0000001) may be quoted; they are not phone numbers.</summary>
    [GeneratedRegex(@"^\d{3}-\d{7}-\d{7}$")]
    private static partial Regex OrderIdPattern();

    [GeneratedRegex(@"\b(reviews?|rating|ratings|stars?|feedback|testimonial|comment)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReviewWord();

    /// <summary>"Thank you for your feedback" next to a replacement is service, not an incentive: only reviews and ratings count here.</summary>
    [GeneratedRegex(@"\b(reviews?|ratings?|stars?|testimonial)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IncentiveReviewWord();

    [GeneratedRegex(@"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b(free|discount\w*|coupons?|vouchers?|gift\s*cards?|gifts?|cash|pay\s+you|paid|payment|rewards?|bonus|compensat\w*|money\s+back|promo(tion)?\s*codes?|store\s+credit|credits?|in\s+exchange|in\s+return|% off|percent off|refund\w*|replacement|sample)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Incentive();

    [GeneratedRegex(@"\b(positive|good|great|better|higher|glowing|nice|favou?rable|excellent|kind|five[- ]star|5[- ]star|4[- ]star|four[- ]star|more)\s+(\w+\s+)?(reviews?|ratings?|feedback|stars?)\b|\b(leave|write|post|give|submit|share|add|rate)\b[^.!?]{0,30}\b(reviews?|ratings?|stars?|testimonial)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PositiveReview();

    [GeneratedRegex(@"\b(change|changing|update|updating|edit|editing|revise|revising|amend|amending|modify|modifying|remove|removing|delete|deleting|take\s+down|taking\s+down|withdraw|withdrawing|retract|reconsider|adjust|raise|raising|increase|bump|upgrade|correct|rewrite|redo)\b[^.!?]{0,40}\b(your|the|this|that|my)\s+([\w-]+\s+){0,2}(review|rating|feedback|comment|stars?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeReview();

    [GeneratedRegex(@"\b(your|the|this|that)\s+([\w-]+\s+){0,2}(review|rating|feedback)\b[^.!?]{0,40}\b(updated|changed|removed|deleted|edited|revised|taken\s+down|withdrawn|amended|corrected)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReviewChanged();
}
