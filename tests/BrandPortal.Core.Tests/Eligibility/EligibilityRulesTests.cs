using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Eligibility;

public sealed class EligibilityRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A review every rule accepts: each case below breaks exactly what it names.</summary>
    private static readonly EligibilityFacts Eligible = new(
        ReviewId: 1, Rating: 2, VerifiedPurchase: true, OrderId: 10, OrderPlacedAt: Now.AddDays(-20), OrderSellerAccountId: 7,
        BrandId: 3, BrandName: "Acme", BrandRegistered: true,
        UserSellerAccountId: 7, UserSellerPlan: SellerPlan.Professional, UserSellerStanding: AccountStanding.Good,
        UserSellerAssociatedWithBrand: true, UserRepresentsBrand: true, CustomerReviewsLevel: PermissionLevel.ViewAndEdit,
        ContactedAt: null, ContactedBy: null, CustomerBlockedBrand: false);

    public static TheoryData<string, EligibilityFacts, EligibilityRule[]> Cases => new()
    {
        { "eligible", Eligible, [] },
        { "1 star", Eligible with { Rating = 1 }, [] },
        { "3 stars", Eligible with { Rating = 3 }, [] },
        { "4 stars", Eligible with { Rating = 4 }, [EligibilityRule.Critical] },
        { "5 stars", Eligible with { Rating = 5 }, [EligibilityRule.Critical] },
        { "not verified", Eligible with { VerifiedPurchase = false, OrderId = null, OrderPlacedAt = null, OrderSellerAccountId = null }, [EligibilityRule.VerifiedPurchase] },
        { "verified without order", Eligible with { OrderId = null, OrderPlacedAt = null, OrderSellerAccountId = null }, [EligibilityRule.VerifiedPurchase] },
        { "order exactly one year old", Eligible with { OrderPlacedAt = Now.AddYears(-1) }, [EligibilityRule.OrderWithinYear] },
        { "order one year minus a second old", Eligible with { OrderPlacedAt = Now.AddYears(-1).AddSeconds(1) }, [] },
        { "order two years old", Eligible with { OrderPlacedAt = Now.AddYears(-2) }, [EligibilityRule.OrderWithinYear] },
        { "other seller of record", Eligible with { OrderSellerAccountId = 8 }, [EligibilityRule.SellerOfRecord] },
        { "Individual plan", Eligible with { UserSellerPlan = SellerPlan.Individual }, [EligibilityRule.AccountInGoodStanding] },
        { "at risk", Eligible with { UserSellerStanding = AccountStanding.AtRisk }, [EligibilityRule.AccountInGoodStanding] },
        { "deactivated", Eligible with { UserSellerStanding = AccountStanding.Deactivated }, [EligibilityRule.AccountInGoodStanding] },
        { "seller not associated with brand", Eligible with { UserSellerAssociatedWithBrand = false }, [EligibilityRule.AccountInGoodStanding] },
        { "brand not registered", Eligible with { BrandRegistered = false }, [EligibilityRule.AccountInGoodStanding] },
        { "not brand representative", Eligible with { UserRepresentsBrand = false }, [EligibilityRule.BrandRepresentative] },
        { "View only", Eligible with { CustomerReviewsLevel = PermissionLevel.View }, [EligibilityRule.CanEdit] },
        { "no permission", Eligible with { CustomerReviewsLevel = PermissionLevel.None }, [EligibilityRule.CanEdit] },
        { "contacted by own account", Eligible with { ContactedAt = Now.AddDays(-1), ContactedBy = "rep.one@acme.test" }, [EligibilityRule.NotContacted] },
        { "contacted by another account", Eligible with { ContactedAt = Now.AddDays(-1), ContactedBy = null }, [EligibilityRule.NotContacted] },
        { "customer blocked brand", Eligible with { CustomerBlockedBrand = true }, [EligibilityRule.NotBlocked] },
        { "several at once, in order", Eligible with { Rating = 5, CustomerReviewsLevel = PermissionLevel.View, CustomerBlockedBrand = true },
            [EligibilityRule.Critical, EligibilityRule.CanEdit, EligibilityRule.NotBlocked] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_Facts_FailsExactlyTheBrokenRules(string scenario, EligibilityFacts facts, EligibilityRule[] failed)
    {
        var decision = EligibilityRules.Decide(facts, Now);
        decision.Unmet.Select(u => u.Rule).Should().Equal(failed, scenario);
        decision.CanContact.Should().Be(failed.Length == 0);
        decision.Unmet.Where(u => !(u.Reason.EndsWith('.') && u.Remedy.EndsWith('.') && u.Reason.Length > 20 && u.Remedy.Length > 10))
            .Should().BeEmpty("each unmet condition is a sentence with its remedy");
    }

    [Theory]
    [InlineData(SellerPlan.Individual, AccountStanding.Good, true, true, "Individual plan", "Professional plan")]
    [InlineData(SellerPlan.Professional, AccountStanding.AtRisk, true, true, "at risk", "good standing")]
    [InlineData(SellerPlan.Professional, AccountStanding.Deactivated, true, true, "deactivated", "good standing")]
    [InlineData(SellerPlan.Professional, AccountStanding.Good, false, true, "not associated with the brand Acme", "associate your account with Acme")]
    [InlineData(SellerPlan.Professional, AccountStanding.Good, true, false, "not registered in Brand Registry", "register Acme")]
    public void AccountInGoodStanding_EachProblem_SaysWhatAndHowToFixIt(SellerPlan plan, AccountStanding standing, bool associated, bool registered,
        string reason, string remedy)
    {
        var unmet = EligibilityRules.AccountInGoodStanding(Eligible with
        {
            UserSellerPlan = plan, UserSellerStanding = standing, UserSellerAssociatedWithBrand = associated, BrandRegistered = registered,
        })!;
        unmet.Reason.Should().Contain(reason);
        unmet.Remedy.Should().ContainEquivalentOf(remedy);
    }

    [Fact]
    public void AccountInGoodStanding_IndividualAndAtRisk_ListsBoth()
    {
        var unmet = EligibilityRules.AccountInGoodStanding(Eligible with { UserSellerPlan = SellerPlan.Individual, UserSellerStanding = AccountStanding.AtRisk })!;
        unmet.Reason.Should().Be("Your seller account is on the Individual plan; your seller account is at risk.");
    }

    [Fact]
    public void CanEdit_ViewOnly_PointsToTheAccountAdministratorUnderAdvertising()
    {
        var unmet = EligibilityRules.CanEdit(Eligible with { CustomerReviewsLevel = PermissionLevel.View })!;
        unmet.Reason.Should().Contain("View");
        unmet.Remedy.Should().Contain("account administrator").And.Contain("View and Edit").And.Contain("Advertising");
    }

    [Fact]
    public void NotContacted_ByOwnAccount_SaysWhoAndWhen()
    {
        var unmet = EligibilityRules.NotContacted(Eligible with { ContactedAt = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero), ContactedBy = "rep.one@acme.test" })!;
        unmet.Reason.Should().Be("rep.one@acme.test already contacted this customer about this review on 2 Nov 2026 at 09:30 UTC.");
    }

    [Fact]
    public void NotContacted_ByAnotherAccount_KeepsWhoAndWhenPrivate()
    {
        var unmet = EligibilityRules.NotContacted(Eligible with { ContactedAt = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero), ContactedBy = null })!;
        unmet.Reason.Should().Be("Another seller account has already contacted this customer about this review.");
    }

    [Fact]
    public void OrderWithinYear_OldOrder_SaysWhenItWasPlaced()
    {
        var unmet = EligibilityRules.OrderWithinYear(Eligible with { OrderPlacedAt = new DateTimeOffset(2025, 8, 4, 0, 0, 0, TimeSpan.Zero) }, Now)!;
        unmet.Reason.Should().Be("This order was placed 15 months ago (4 Aug 2025); contact is possible for orders of the last 12 months.");
    }

    [Fact]
    public void OrderWithinYear_LeapDayOrder_IsWithinAYearOnTheDayBefore()
    {
        var placed = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);
        EligibilityRules.OrderWithinYear(Eligible with { OrderPlacedAt = placed }, new DateTimeOffset(2025, 2, 28, 11, 59, 59, TimeSpan.Zero)).Should().BeNull();
        EligibilityRules.OrderWithinYear(Eligible with { OrderPlacedAt = placed }, new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)).Should().NotBeNull();
    }
}
