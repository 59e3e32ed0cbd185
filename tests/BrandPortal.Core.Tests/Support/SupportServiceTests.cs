using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Support;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Core.Tests.Support;

/// <summary>
/// Support's tools on the demo data, straight through <see cref="SupportService"/>: Northwind Goods is an Individual
/// account at risk; the brand Northwind is not registered and is associated with Acme Trading and Northwind Goods.
/// </summary>
public sealed class SupportServiceTests : DemoDatabaseTest
{
    private const string Support = "support@brandportal.test";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));

    private SupportService Service() => new(Db, _clock);

    private async Task<SellerAccount> AccountAsync(string name)
    {
        await using var check = Check();
        return await check.SellerAccounts.AsNoTracking().SingleAsync(a => a.Name == name);
    }

    private async Task<(bool Registered, List<string> Sellers)> BrandAsync(string name)
    {
        await using var check = Check();
        var brand = await check.Brands.AsNoTracking().Where(b => b.Name == name)
            .Select(b => new { b.Registered, Sellers = b.Sellers.Select(s => s.SellerAccount!.Name).OrderBy(n => n).ToList() }).SingleAsync();
        return (brand.Registered, brand.Sellers);
    }

    [Fact]
    public async Task SetAccount_NewPlanAndStanding_StoresThemAndAuditsEachChangeBeforeAndAfter()
    {
        var support = await UserAsync(Support);
        var northwind = await AccountIdAsync("Northwind Goods");

        var result = await Service().SetAccountAsync(support, ActorOf(support), northwind, SellerPlan.Professional, AccountStanding.Good);

        result.Succeeded.Should().BeTrue(result.Message);
        var stored = await AccountAsync("Northwind Goods");
        (stored.Plan, stored.Standing).Should().Be((SellerPlan.Professional, AccountStanding.Good));
        var plan = (await AuditAsync(AuditActions.PlanChanged)).Should().ContainSingle().Subject;
        (plan.ObjectId, plan.Before, plan.After, plan.SellerAccountId, plan.Actor).Should()
            .Be(("Northwind Goods", "plan Individual", "plan Professional", northwind, Support));
        var standing = (await AuditAsync(AuditActions.StandingChanged)).Should().ContainSingle().Subject;
        (standing.Before, standing.After, standing.SellerAccountId).Should().Be(("standing AtRisk", "standing Good", northwind));
        (await UserAsync("rep@northwind.test")).SellerStanding.Should().Be(AccountStanding.Good, "access and eligibility read the account afresh");
    }

    [Fact]
    public async Task SetAccount_StandingOnly_AuditsOnlyTheStanding()
    {
        var support = await UserAsync(Support);

        var result = await Service().SetAccountAsync(support, ActorOf(support), await AccountIdAsync("Acme Trading"), SellerPlan.Professional,
            AccountStanding.Deactivated);

        result.Succeeded.Should().BeTrue(result.Message);
        (await AccountAsync("Acme Trading")).Standing.Should().Be(AccountStanding.Deactivated);
        (await AuditAsync(AuditActions.StandingChanged)).Single().After.Should().Be("standing Deactivated");
        (await AuditAsync(AuditActions.PlanChanged)).Should().BeEmpty();
    }

    [Fact]
    public async Task SetAccount_SameValues_ChangesNothingAndWritesNoAudit()
    {
        var support = await UserAsync(Support);

        var result = await Service().SetAccountAsync(support, ActorOf(support), await AccountIdAsync("Northwind Goods"), SellerPlan.Individual,
            AccountStanding.AtRisk);

        result.Message.Should().Contain("nothing changed");
        (await AuditAsync(AuditActions.PlanChanged)).Should().BeEmpty();
        (await AuditAsync(AuditActions.StandingChanged)).Should().BeEmpty();
    }

    [Fact]
    public async Task SetAccount_UserWhoIsNotSupport_IsForbiddenAndChangesNothing()
    {
        var admin = await UserAsync("admin@northwind.test");

        var result = await Service().SetAccountAsync(admin, ActorOf(admin), await AccountIdAsync("Northwind Goods"), SellerPlan.Professional,
            AccountStanding.Good);

        result.Succeeded.Should().BeFalse();
        var stored = await AccountAsync("Northwind Goods");
        (stored.Plan, stored.Standing).Should().Be((SellerPlan.Individual, AccountStanding.AtRisk));
        (await AuditAsync(AuditActions.StandingChanged)).Should().BeEmpty();
    }

    [Fact]
    public async Task SetAccount_UndefinedOrMissingStanding_IsRefusedAndChangesNothing()
    {
        var support = await UserAsync(Support);
        var northwind = await AccountIdAsync("Northwind Goods");

        (await Service().SetAccountAsync(support, ActorOf(support), northwind, SellerPlan.Professional, null)).Succeeded.Should().BeFalse();
        (await Service().SetAccountAsync(support, ActorOf(support), northwind, SellerPlan.Professional, (AccountStanding)42)).Succeeded.Should().BeFalse();

        (await AccountAsync("Northwind Goods")).Plan.Should().Be(SellerPlan.Individual);
        (await AuditAsync(AuditActions.PlanChanged)).Should().BeEmpty();
    }

    [Fact]
    public async Task SetBrand_RegisterAndDropASeller_StoresBothAndAuditsOncePerAccountTouched()
    {
        var support = await UserAsync(Support);
        var acme = await AccountIdAsync("Acme Trading");
        var northwind = await AccountIdAsync("Northwind Goods");

        var result = await Service().SetBrandAsync(support, ActorOf(support), await BrandIdAsync("Northwind"), registered: true, [northwind]);

        result.Succeeded.Should().BeTrue(result.Message);
        var brand = await BrandAsync("Northwind");
        brand.Registered.Should().BeTrue();
        brand.Sellers.Should().Equal("Northwind Goods");
        var entries = await AuditAsync(AuditActions.BrandChanged);
        entries.Select(e => e.SellerAccountId).Should().BeEquivalentTo(new long?[] { acme, northwind },
            "the administrators of both the dropped and the kept account see the change");
        entries.Should().AllSatisfy(e =>
        {
            e.ObjectId.Should().Be("Northwind");
            e.Before.Should().Be("registered no; sellers Acme Trading, Northwind Goods");
            e.After.Should().Be("registered yes; sellers Northwind Goods");
        });
    }

    [Fact]
    public async Task SetBrand_UnknownSellerAccount_IsRefusedAndChangesNothing()
    {
        var support = await UserAsync(Support);

        var result = await Service().SetBrandAsync(support, ActorOf(support), await BrandIdAsync("Northwind"), registered: true, [-1]);

        result.Succeeded.Should().BeFalse();
        var brand = await BrandAsync("Northwind");
        brand.Registered.Should().BeFalse();
        brand.Sellers.Should().Equal("Acme Trading", "Northwind Goods");
        (await AuditAsync(AuditActions.BrandChanged)).Should().BeEmpty();
    }

    [Fact]
    public async Task SetBrand_UserWhoIsNotSupport_IsForbiddenAndChangesNothing()
    {
        var registry = await UserAsync("registry@acme.test");

        var result = await Service().SetBrandAsync(registry, ActorOf(registry), await BrandIdAsync("Northwind"), registered: true,
            [await AccountIdAsync("Acme Trading")]);

        result.Succeeded.Should().BeFalse();
        (await BrandAsync("Northwind")).Registered.Should().BeFalse();
        (await AuditAsync(AuditActions.BrandChanged)).Should().BeEmpty();
    }
}
