using System.Globalization;
using BrandPortal.Core.Eligibility;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>
/// The eligibility rules' reasons and remedies in the request's language: Core's <see cref="EligibilityRules"/> words
/// them in English (which the API keeps), and pages show them through <c>@inject IHtmlLocalizer&lt;EligibilityText&gt; E</c>
/// and <c>@E.Reason(u)</c> / <c>@E.Remedy(u)</c>. Translations: Resources/Localization/EligibilityText.{de,fr,es,ja}.resx,
/// keyed by the English text or, for a reason with values, by its English format.
/// </summary>
public sealed class EligibilityText
{
    public static readonly EnglishFormats Formats = new(
    [
        "Nothing to do: 4- and 5-star reviews need no one-to-one answer.",
        "This review is not a verified purchase, so there is no order to contact the customer about.",
        "Nothing can be done: only reviews of verified purchases can be answered one-to-one.",
        "12 months",
        "Nothing can be done: the 12-month window for this order has closed.",
        "Another seller sold this order; only the seller of record can contact the customer.",
        "Nothing can be done from your account: only the seller who sold the order can contact the customer.",
        "your seller account is on the Individual plan",
        "upgrade the account to the Professional plan",
        "your seller account is deactivated",
        "your seller account is at risk",
        "resolve the account health issues with Seller Support until the account is back in good standing",
        "Your Customer Reviews permission is View: you can read reviews but not contact customers.",
        "You do not hold the Customer Reviews permission.",
        "Ask your account administrator for Customer Reviews at View and Edit (under Advertising).",
        "Another seller account has already contacted this customer about this review.",
        "Nothing more to do: each review can be answered once. Follow up in Messages if the customer replies.",
        "Nothing can be done: the customer's choice is respected.",
    ],
    [
        new("This review has {0} stars; customers can be contacted about critical reviews (1 to 3 stars) only.", ArgKind.Number),
        new("This order was placed {0} ago ({1}); contact is possible for orders of the last 12 months.", ArgKind.Phrase, ArgKind.Day),
        new("{0} months", ArgKind.Number),
        new("{0} years", ArgKind.Number),
        new("your seller account is not associated with the brand {0}", ArgKind.Name),
        new("ask Brand Registry Support to associate your account with {0}", ArgKind.Name),
        new("the brand {0} is not registered in Brand Registry", ArgKind.Name),
        new("register {0} in Brand Registry", ArgKind.Name),
        new("You do not hold the Brand Representative role for {0}.", ArgKind.Name),
        new("Ask the Brand Registry administrator of {0} to submit a case granting you the Brand Representative role.", ArgKind.Name),
        new("{0} already contacted this customer about this review on {1}.", ArgKind.Name, ArgKind.WhenInSentence),
        new("The customer has blocked messages from {0}.", ArgKind.Name),
    ]);
}

public static class EligibilityTextExtensions
{
    public static IHtmlContent Reason(this IHtmlLocalizer<EligibilityText> e, UnmetCondition u) => e.Text(u.Rule, u.Reason);

    public static IHtmlContent Remedy(this IHtmlLocalizer<EligibilityText> e, UnmetCondition u) => e.Text(u.Rule, u.Remedy);

    public static IHtmlContent Text(this IHtmlLocalizer<EligibilityText> e, EligibilityRule rule, string english)
        => rule == EligibilityRule.AccountInGoodStanding && !EnglishFormats.IsSource ? Listed(e, english) : EligibilityText.Formats.Localize(e, english);

    /// <summary>
    /// Account standing lists every problem (and every remedy) in one sentence, "Your seller account is at risk; the brand
    /// Acme is not registered in Brand Registry.": each part is translated on its own and the sentence rebuilt, its
    /// first letter in capitals (each part's translation starts with words, never with a value).
    /// </summary>
    private static IHtmlContent Listed(IHtmlLocalizer e, string english)
    {
        var parts = english.TrimEnd('.').Split("; ");
        var ja = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";
        var builder = new HtmlContentBuilder(parts.Length * 2 + 1);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = i == 0 && parts[i].Length > 0 ? char.ToLowerInvariant(parts[i][0]) + parts[i][1..] : parts[i];
            if (i > 0) builder.Append(ja ? "、" : "; ");
            builder.AppendHtml(EligibilityText.Formats.Localize(e, part, capitalize: i == 0));
        }
        return builder.Append(ja ? "。" : ".");
    }
}
