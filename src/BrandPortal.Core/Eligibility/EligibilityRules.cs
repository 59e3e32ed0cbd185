using System.Globalization;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Eligibility;

/// <summary>The rule codes of docs/PRODUCT.md#eligibility, in the order they are shown.</summary>
public enum EligibilityRule
{
    Critical,
    VerifiedPurchase,
    OrderWithinYear,
    SellerOfRecord,
    AccountInGoodStanding,
    BrandRepresentative,
    CanEdit,
    NotContacted,
    NotBlocked,
}

/// <summary>Everything the rules need to decide whether one user may contact the customer of one review.</summary>
public sealed record EligibilityFacts(
    long ReviewId,
    int Rating,
    bool VerifiedPurchase,
    long? OrderId,
    DateTimeOffset? OrderPlacedAt,
    long? OrderSellerAccountId,
    long BrandId,
    string BrandName,
    bool BrandRegistered,
    long? UserSellerAccountId,
    SellerPlan? UserSellerPlan,
    AccountStanding? UserSellerStanding,
    bool UserSellerAssociatedWithBrand,
    bool UserRepresentsBrand,
    PermissionLevel CustomerReviewsLevel,
    DateTimeOffset? ContactedAt,
    string? ContactedBy,
    bool CustomerBlockedBrand);

/// <summary>One unmet condition, in plain words, with what would fix it.</summary>
public sealed record UnmetCondition(EligibilityRule Rule, string Reason, string Remedy);

public sealed record EligibilityDecision(long ReviewId, IReadOnlyList<UnmetCondition> Unmet)
{
    public bool CanContact => Unmet.Count == 0;
    public bool Fails(EligibilityRule rule) => Unmet.Any(u => u.Rule == rule);
}

/// <summary>
/// The contact rules as pure functions of <see cref="EligibilityFacts"/> and the current time: one function per rule,
/// each returning null when the rule holds or the unmet condition with its remedy.
/// </summary>
public static class EligibilityRules
{
    public static EligibilityDecision Decide(EligibilityFacts f, DateTimeOffset now)
    {
        var unmet = new List<UnmetCondition>(4);
        foreach (var rule in All)
            if (rule(f, now) is { } u) unmet.Add(u);
        return new EligibilityDecision(f.ReviewId, unmet);
    }

    private static readonly Func<EligibilityFacts, DateTimeOffset, UnmetCondition?>[] All =
    [
        (f, _) => Critical(f),
        (f, _) => VerifiedPurchase(f),
        OrderWithinYear,
        (f, _) => SellerOfRecord(f),
        (f, _) => AccountInGoodStanding(f),
        (f, _) => BrandRepresentative(f),
        (f, _) => CanEdit(f),
        (f, _) => NotContacted(f),
        (f, _) => NotBlocked(f),
    ];

    public static UnmetCondition? Critical(EligibilityFacts f) => f.Rating is >= 1 and <= 3 ? null
        : new(EligibilityRule.Critical, $"This review has {f.Rating} stars; customers can be contacted about critical reviews (1 to 3 stars) only.",
            "Nothing to do: 4- and 5-star reviews need no one-to-one answer.");

    public static UnmetCondition? VerifiedPurchase(EligibilityFacts f) => f.VerifiedPurchase && f.OrderId is not null ? null
        : new(EligibilityRule.VerifiedPurchase, "This review is not a verified purchase, so there is no order to contact the customer about.",
            "Nothing can be done: only reviews of verified purchases can be answered one-to-one.");

    /// <summary>The order must be less than one year old: exactly one year is too old.</summary>
    public static UnmetCondition? OrderWithinYear(EligibilityFacts f, DateTimeOffset now)
    {
        if (f.OrderPlacedAt is not { } placed) return null; // VerifiedPurchase already reports a missing order.
        if (placed > now.AddYears(-1)) return null;
        var months = (now.Year - placed.Year) * 12 + now.Month - placed.Month - (now.Day < placed.Day ? 1 : 0);
        return new(EligibilityRule.OrderWithinYear,
            $"This order was placed {Months(months)} ago ({placed.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}); contact is possible for orders of the last 12 months.",
            "Nothing can be done: the 12-month window for this order has closed.");
    }

    private static string Months(int months) => months switch
    {
        < 12 => "12 months",
        _ => months % 12 == 0 && months >= 24 ? $"{months / 12} years" : $"{months} months",
    };

    public static UnmetCondition? SellerOfRecord(EligibilityFacts f)
    {
        if (f.OrderSellerAccountId is not { } seller) return null;
        return seller == f.UserSellerAccountId ? null
            : new(EligibilityRule.SellerOfRecord, "Another seller sold this order; only the seller of record can contact the customer.",
                "Nothing can be done from your account: only the seller who sold the order can contact the customer.");
    }

    public static UnmetCondition? AccountInGoodStanding(EligibilityFacts f)
    {
        var problems = new List<string>();
        var remedies = new List<string>();
        if (f.UserSellerPlan != SellerPlan.Professional)
        {
            problems.Add("your seller account is on the Individual plan");
            remedies.Add("upgrade the account to the Professional plan");
        }
        if (f.UserSellerStanding != AccountStanding.Good)
        {
            problems.Add(f.UserSellerStanding == AccountStanding.Deactivated ? "your seller account is deactivated" : "your seller account is at risk");
            remedies.Add("resolve the account health issues with Seller Support until the account is back in good standing");
        }
        if (!f.UserSellerAssociatedWithBrand)
        {
            problems.Add($"your seller account is not associated with the brand {f.BrandName}");
            remedies.Add($"ask Brand Registry Support to associate your account with {f.BrandName}");
        }
        if (!f.BrandRegistered)
        {
            problems.Add($"the brand {f.BrandName} is not registered in Brand Registry");
            remedies.Add($"register {f.BrandName} in Brand Registry");
        }
        return problems.Count == 0 ? null
            : new(EligibilityRule.AccountInGoodStanding, Capitalize(string.Join("; ", problems)) + ".", Capitalize(string.Join("; ", remedies)) + ".");
    }

    public static UnmetCondition? BrandRepresentative(EligibilityFacts f) => f.UserRepresentsBrand ? null
        : new(EligibilityRule.BrandRepresentative, $"You do not hold the Brand Representative role for {f.BrandName}.",
            $"Ask the Brand Registry administrator of {f.BrandName} to submit a case granting you the Brand Representative role.");

    public static UnmetCondition? CanEdit(EligibilityFacts f) => f.CustomerReviewsLevel == PermissionLevel.ViewAndEdit ? null
        : new(EligibilityRule.CanEdit,
            f.CustomerReviewsLevel == PermissionLevel.View
                ? "Your Customer Reviews permission is View: you can read reviews but not contact customers."
                : "You do not hold the Customer Reviews permission.",
            "Ask your account administrator for Customer Reviews at View and Edit (under Advertising).");

    /// <summary>A null <see cref="EligibilityFacts.ContactedBy"/> means another seller account made the contact: who and when stay theirs.</summary>
    public static UnmetCondition? NotContacted(EligibilityFacts f) => f.ContactedAt is not { } at ? null
        : new(EligibilityRule.NotContacted,
            f.ContactedBy is { } by
                ? $"{by} already contacted this customer about this review on {at.ToString("d MMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture)}."
                : "Another seller account has already contacted this customer about this review.",
            "Nothing more to do: each review can be answered once. Follow up in Messages if the customer replies.");

    public static UnmetCondition? NotBlocked(EligibilityFacts f) => !f.CustomerBlockedBrand ? null
        : new(EligibilityRule.NotBlocked, $"The customer has blocked messages from {f.BrandName}.",
            "Nothing can be done: the customer's choice is respected.");

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
