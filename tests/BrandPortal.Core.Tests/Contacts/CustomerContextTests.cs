using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Email;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xunit;

namespace BrandPortal.Core.Tests.Contacts;

/// <summary>
/// The customer context on the Contact page, on the demo's shared brand Acme (B1: sellers Acme Trading and Globex Retail):
/// each seller account sees its own orders and contacts with the customer, never the other's.
/// </summary>
public sealed class CustomerContextTests : DemoDatabaseTest
{
    private const string Customer = "hans@example.test";
    private long _hans, _subjectReview, _trading, _globex;

    protected override async Task ArrangeAsync()
    {
        _hans = await Db.Customers.AsNoTracking().Where(c => c.Email == Customer).Select(c => c.Id).SingleAsync();
        _trading = await AccountIdAsync("Acme Trading");
        _globex = await AccountIdAsync("Globex Retail");
        var acme = await BrandIdAsync("Acme");
        var reviews = await Db.Reviews.AsNoTracking().Where(r => r.CustomerId == _hans && r.BrandId == acme && r.Order != null)
            .OrderBy(r => r.Id).Select(r => new { r.Id, Seller = r.Order!.SellerAccountId }).ToListAsync();
        var globexReview = reviews.First(r => r.Seller == _globex).Id;
        var tradingReviews = reviews.Where(r => r.Seller == _trading).Select(r => r.Id).Take(2).ToList();
        _subjectReview = tradingReviews[1];
        await using var db = Check();
        var repTwo = await db.Users.Where(u => u.Email == "rep.two@acme.test").Select(u => u.Id).SingleAsync();
        var globexRep = await db.Users.Where(u => u.Email == "rep@globex.test").Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        db.Contacts.Add(new Contact
        {
            ReviewId = globexReview, BrandId = acme, CustomerId = _hans, SentByUserId = globexRep, Reason = ContactReason.CourtesyRefund, SentAt = now.AddDays(-10),
            Refund = new Refund { Amount = 10m, Currency = "EUR", State = RefundState.Accepted, AcceptedAt = now.AddDays(-9) },
        });
        db.Contacts.Add(new Contact
        {
            ReviewId = tradingReviews[0], BrandId = acme, CustomerId = _hans, SentByUserId = repTwo, Reason = ContactReason.CustomerSupport, SentAt = now.AddDays(-5),
            SupportAnswer = SupportAnswer.Declined, AnsweredAt = now.AddDays(-4),
        });
        await db.SaveChangesAsync();
    }

    private async Task<CustomerContext> ContextAsync(string user)
    {
        var service = new ContactCustomerService(Db, new AccessService(Db), new EligibilityService(Db, TimeProvider.System), new ContactTimeline(Db),
            Options.Create(new PortalOptions()), new OutboxSignal(), TimeProvider.System);
        return (await service.GetAsync(await UserAsync(user), _subjectReview))!.Customer!;
    }

    /// <summary>Orders the account sold the customer with at least one product of a brand associated with the account, counted independently.</summary>
    private async Task<(int Count, DateTimeOffset? Last)> OrdersAsync(long account)
    {
        await using var db = Check();
        var brands = await db.BrandSellers.Where(b => b.SellerAccountId == account).Select(b => b.BrandId).ToListAsync();
        var orders = await db.OrderItems.Where(i => brands.Contains(db.Products.First(p => p.Id == i.ProductId).BrandId))
            .Select(i => i.OrderId).Distinct()
            .Join(db.Orders.Where(o => o.CustomerId == _hans && o.SellerAccountId == account), id => id, o => o.Id, (_, o) => o.PlacedAt).ToListAsync();
        return (orders.Count, orders.Count == 0 ? null : orders.Max());
    }

    [Fact]
    public async Task Context_SellerAccountOfTheOrder_ShowsItsOwnOrdersAndOnlyItsOwnEarlierContact()
    {
        var context = await ContextAsync("rep.two@acme.test");

        var (count, last) = await OrdersAsync(_trading);
        context.Orders.Should().Be(count).And.BePositive();
        context.LastOrderAt.Should().Be(last);
        (await Db.Orders.CountAsync(o => o.CustomerId == _hans)).Should().BeGreaterThan(count, "the customer also bought from other accounts");
        context.EarlierContacts.Should().Be(1);
        context.Recent.Should().ContainSingle().Which.Outcome.Should().Be("Customer declined");
    }

    [Fact]
    public async Task Context_OtherSellerAccountSharingTheBrand_ShowsItsOwnOrdersAndContactNeverAcmeTradings()
    {
        var context = await ContextAsync("rep@globex.test");

        var (count, last) = await OrdersAsync(_globex);
        context.Orders.Should().Be(count).And.BePositive();
        context.LastOrderAt.Should().Be(last);
        context.EarlierContacts.Should().Be(1);
        context.Recent.Should().ContainSingle().Which.Outcome.Should().Be("Refund accepted");
    }

    [Theory]
    [InlineData(ContactReason.CourtesyRefund, RefundState.Offered, SupportAnswer.None, false, false, false, "Refund offered, not accepted")]
    [InlineData(ContactReason.CourtesyRefund, RefundState.Accepted, SupportAnswer.None, false, false, true, "Refund accepted; the customer has since blocked this brand")]
    [InlineData(ContactReason.CustomerSupport, null, SupportAnswer.None, false, false, false, "No answer from the customer yet")]
    [InlineData(ContactReason.CustomerSupport, null, SupportAnswer.Declined, false, false, false, "Customer declined")]
    [InlineData(ContactReason.CustomerSupport, null, SupportAnswer.Granted, false, false, false, "Customer replied")]
    [InlineData(ContactReason.CustomerSupport, null, SupportAnswer.Granted, true, false, false, "Customer replied; you answered")]
    [InlineData(ContactReason.CustomerSupport, null, SupportAnswer.Granted, true, true, false, "Customer replied; waiting for your answer")]
    public void OutcomeOf_ContactState_ReadsAsTheTableSays(ContactReason reason, RefundState? refund, SupportAnswer answer, bool answered, bool waiting,
        bool blocked, string expected)
        => CustomerContext.OutcomeOf(reason, refund, answer, answered, waiting, blocked).Should().Be(expected);
}
