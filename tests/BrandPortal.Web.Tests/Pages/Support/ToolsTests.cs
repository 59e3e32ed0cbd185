using System.Globalization;
using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages.Admin;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Support;

/// <summary>/Support/Accounts and /Support/Brands: changes reach eligibility on the next request.</summary>
public sealed class ToolsTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Account_SetAtRisk_TurnsContactIntoReasonAtOnce_AndBack()
    {
        var support = await portal.SignInAsync(DemoUsers.Support);
        var acme = await AccountIdAsync("Acme Trading");
        (await portal.DecideOnBrandReviewAsync(DemoUsers.RepTwoBrands, "Acme")).Fails(EligibilityRule.AccountInGoodStanding).Should().BeFalse();

        (await SetAccount(support, acme, "Professional", "AtRisk")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await support.GetPageAsync("/Support/Accounts")).Document.QuerySelector("#message")!.TextContent.Should().Contain("at-risk");
        (await portal.DecideOnBrandReviewAsync(DemoUsers.RepTwoBrands, "Acme")).Fails(EligibilityRule.AccountInGoodStanding).Should().BeTrue();

        (await SetAccount(support, acme, "Individual", "Good")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.DecideOnBrandReviewAsync(DemoUsers.RepTwoBrands, "Acme")).Fails(EligibilityRule.AccountInGoodStanding).Should().BeTrue();
        (await SetAccount(support, acme, "Professional", "Good")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.DecideOnBrandReviewAsync(DemoUsers.RepTwoBrands, "Acme")).Fails(EligibilityRule.AccountInGoodStanding).Should().BeFalse();

        await using var db = portal.CreateContext();
        var entries = await db.AuditEntries.Where(a => a.ObjectId == "Acme Trading" && a.Actor == DemoUsers.Support).OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.Before, a.After, a.SellerAccountId }).ToListAsync();
        entries.Select(e => (e.Action, e.Before, e.After)).Should().Equal(
            ("StandingChanged", "standing Good", "standing AtRisk"),
            ("PlanChanged", "plan Professional", "plan Individual"),
            ("StandingChanged", "standing AtRisk", "standing Good"),
            ("PlanChanged", "plan Individual", "plan Professional"));
        entries.Should().OnlyContain(e => e.SellerAccountId == acme, "the account's administrator sees changes to their account");
    }

    [Fact]
    public async Task Brand_Unregister_AndDissociate_ReachEligibilityAtOnce()
    {
        var support = await portal.SignInAsync(DemoUsers.Support);
        var outdoors = await BrandIdAsync("Acme Outdoors");
        var acme = await AccountIdAsync("Acme Trading");

        (await SetBrand(support, outdoors, registered: false, acme)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.DecideOnBrandReviewAsync(DemoUsers.RepTwoBrands, "Acme Outdoors")).Fails(EligibilityRule.AccountInGoodStanding).Should().BeTrue();
        (await SetBrand(support, outdoors, registered: true)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.DecideOnBrandReviewAsync(DemoUsers.RepTwoBrands, "Acme Outdoors")).Fails(EligibilityRule.AccountInGoodStanding).Should().BeTrue();
        (await SetBrand(support, outdoors, registered: true, acme)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.DecideOnBrandReviewAsync(DemoUsers.RepTwoBrands, "Acme Outdoors")).Fails(EligibilityRule.AccountInGoodStanding).Should().BeFalse();

        await using var db = portal.CreateContext();
        (await db.AuditEntries.Where(a => a.Action == "BrandChanged" && a.ObjectId == "Acme Outdoors").Select(a => a.After).ToListAsync())
            .Should().Equal("registered no; sellers Acme Trading", "registered yes; sellers none", "registered yes; sellers Acme Trading");
    }

    [Theory]
    [InlineData("Gold", "Good")]
    [InlineData("Professional", "Excellent")]
    [InlineData("1", "0")]
    [InlineData("", "")]
    public async Task Account_InvalidPlanOrStanding_SaysWhyAndChangesNothing(string plan, string standing)
    {
        var support = await portal.SignInAsync(DemoUsers.Support);
        var northwind = await AccountIdAsync("Northwind Goods");
        var response = await SetAccount(support, northwind, plan, standing);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Choose a plan");
        await using var db = portal.CreateContext();
        var account = await db.SellerAccounts.SingleAsync(a => a.Id == northwind);
        (account.Plan, account.Standing).Should().Be((SellerPlan.Individual, AccountStanding.AtRisk));
    }

    [Theory]
    [InlineData(DemoUsers.AccountAdmin)]
    [InlineData(DemoUsers.RegistryAdmin)]
    [InlineData(DemoUsers.RepTwoBrands)]
    [InlineData(DemoUsers.Customer)]
    public async Task Tools_NonSupport_AreRefusedAndChangeNothing(string email)
    {
        var client = await portal.SignInAsync(email);
        (await client.Http.GetAsync("/Support/Accounts")).ShouldBeRefused();
        (await client.Http.GetAsync("/Support/Brands")).ShouldBeRefused();
        var globex = await AccountIdAsync("Globex Retail");
        (await SetAccount(client, globex, "Individual", "Deactivated")).ShouldBeRefused();
        (await SetBrand(client, await BrandIdAsync("Globex"), registered: false)).ShouldBeRefused();
        await using var db = portal.CreateContext();
        (await db.SellerAccounts.SingleAsync(a => a.Id == globex)).Standing.Should().Be(AccountStanding.Good);
        (await db.Brands.SingleAsync(b => b.Name == "Globex")).Registered.Should().BeTrue();
    }

    [Fact]
    public async Task Pages_ShowAccountsAndBrandsWithCurrentSettings()
    {
        var support = await portal.SignInAsync(DemoUsers.Support);
        var (response, accounts) = await support.GetPageAsync("/Support/Accounts");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var northwind = await AccountIdAsync("Northwind Goods");
        accounts.QuerySelector($"#standing-{northwind} option[selected]")!.GetAttribute("value").Should().Be("AtRisk");
        var (_, brands) = await support.GetPageAsync("/Support/Brands");
        brands.QuerySelector($"#registered-{await BrandIdAsync("Northwind")}")!.HasAttribute("checked").Should().BeFalse();
    }

    private static Task<HttpResponseMessage> SetAccount(PortalClient client, long accountId, string plan, string standing)
        => client.PostFormAsync("/Support/Accounts", new Dictionary<string, string>
        {
            ["accountId"] = accountId.ToString(CultureInfo.InvariantCulture), ["plan"] = plan, ["standing"] = standing,
        }, "/Account/Login");

    private static Task<HttpResponseMessage> SetBrand(PortalClient client, long brandId, bool registered, params long[] sellerIds)
    {
        var fields = new List<KeyValuePair<string, string>> { new("brandId", brandId.ToString(CultureInfo.InvariantCulture)) };
        if (registered) fields.Add(new("registered", "true"));
        fields.AddRange(sellerIds.Select(id => new KeyValuePair<string, string>("sellerIds", id.ToString(CultureInfo.InvariantCulture))));
        return client.PostFormAsync("/Support/Brands", fields, "/Account/Login");
    }

    private async Task<long> AccountIdAsync(string name)
    {
        await using var db = portal.CreateContext();
        return await db.SellerAccounts.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
    }

    private async Task<long> BrandIdAsync(string name)
    {
        await using var db = portal.CreateContext();
        return await db.Brands.Where(b => b.Name == name).Select(b => b.Id).SingleAsync();
    }
}
