using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Email;
using BrandPortal.Core.Import;
using BrandPortal.Core.Messaging;
using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xunit;
using static BrandPortal.Core.Tests.Webhooks.WebhookEventTestKit;

namespace BrandPortal.Core.Tests.Webhooks;

/// <summary>
/// Every webhook event is written by its cause, in the cause's transaction, and only when the cause happened: the
/// services are called as the pages call them, on the demo data with its three demo contacts (a refund offered to
/// Lucía on R0001, a support request to Oliver on R0067, and one Marie replied to on R0212).
/// </summary>
public sealed class WebhookEventsTests : DemoDatabaseTest
{
    private static readonly Actor Customer = new(null, "customer", null, "192.0.2.20");

    protected override async Task ArrangeAsync()
    {
        await using var seed = Check();
        (await DemoContacts.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(3);
    }

    private MessageCenterService Center() => new(Db, TimeProvider.System);

    private async Task<List<StoredEvent>> EventsAsync(string type)
    {
        await using var check = Check();
        return await WebhookEventTestKit.EventsAsync(check, type);
    }

    private async Task<(long CustomerId, long ContactId)> ContactOfAsync(string reviewExternalId)
    {
        await using var check = Check();
        var c = await check.Contacts.AsNoTracking().Where(c => c.Review!.ExternalId == reviewExternalId).Select(c => new { c.CustomerId, c.Id }).SingleAsync();
        return (c.CustomerId, c.Id);
    }

    [Fact]
    public async Task SendContact_Eligible_WritesContactSentInExternalIds_RefusedSecondContactWritesNone()
    {
        var rep = await UserAsync(DemoContacts.Representative);
        var reviewId = await Db.Reviews.Where(r => r.ExternalId == "R0331").Select(r => r.Id).SingleAsync();
        var service = new ContactCustomerService(Db, new AccessService(Db), new EligibilityService(Db, TimeProvider.System), new ContactTimeline(Db),
            Options.Create(new PortalOptions()), new OutboxSignal(), TimeProvider.System);

        (await service.SendAsync(rep.UserId, ActorOf(rep), reviewId, ContactReason.CourtesyRefund)).Succeeded.Should().BeTrue();
        var second = await service.SendAsync(rep.UserId, ActorOf(rep), reviewId, ContactReason.CustomerSupport);

        second.Kind.Should().Be(OutcomeKind.Refused);
        var sent = (await EventsAsync(WebhookEventTypes.ContactSent)).Where(e => e.Text("contact") == "R0331").Should().ContainSingle().Subject;
        sent.SellerAccountId.Should().Be(rep.SellerAccountId);
        (sent.Text("review"), sent.Text("reason"), sent.Text("brand"), sent.Text("asin"), sent.Text("seller"), sent.Text("customer"), sent.Text("order"))
            .Should().Be(("R0331", "CourtesyRefund", "B1", "B000ACME01", "S1", "C1", "111-0000286-0002002"));
        sent.Data.GetProperty("refund").GetProperty("currency").GetString().Should().Be("USD");
    }

    [Fact]
    public async Task AcceptRefund_Offered_WritesRefundAcceptedWithWhatAPaymentSystemNeeds_SecondAcceptWritesNone()
    {
        var (lucia, contact) = await ContactOfAsync("R0001");

        (await Center().AcceptRefundAsync(lucia, Customer, contact)).Succeeded.Should().BeTrue();
        (await Center().AcceptRefundAsync(lucia, Customer, contact)).Kind.Should().Be(OutcomeKind.Refused);

        var refund = await Db.Refunds.AsNoTracking().SingleAsync(r => r.ContactId == contact);
        var e = (await EventsAsync(WebhookEventTypes.RefundAccepted)).Should().ContainSingle().Subject;
        e.ContactId.Should().Be(contact);
        (e.Text("contact"), e.Text("review"), e.Text("order"), e.Text("asin"), e.Text("seller"), e.Text("customer"))
            .Should().Be(("R0001", "R0001", "111-0000001-0000007", "B000ACME01", "S1", "C5"));
        e.Data.GetProperty("refund").GetProperty("amount").GetDecimal().Should().Be(refund.Amount);
        e.Data.GetProperty("refund").GetProperty("currency").GetString().Should().Be(refund.Currency.Trim());
    }

    [Fact]
    public async Task Timeline_RefundAccepted_IsAcknowledgedByThePlatformSubscriptionsFirst2xx_NotByAnAccountsOwnTools()
    {
        var (lucia, contact) = await ContactOfAsync("R0001");
        long own, payments;
        await using (var arrange = Check())
        {
            own = await SubscribeAsync(arrange, await AccountIdAsync("Acme Trading"), "https://tools.example.test/hooks", Secret, WebhookEventTypes.RefundAccepted);
            payments = await SubscribeAsync(arrange, null, "https://pay.example.test/hooks", Secret, WebhookEventTypes.RefundAccepted);
        }
        (await Center().AcceptRefundAsync(lucia, Customer, contact)).Succeeded.Should().BeTrue();
        var rep = await UserAsync(DemoContacts.Representative);
        var reviewId = await Db.Reviews.Where(r => r.ExternalId == "R0001").Select(r => r.Id).SingleAsync();
        async Task<DateTimeOffset?> AcknowledgedAsync()
        {
            await using var read = Check();
            return (await new ContactTimeline(read).LoadAsync(rep, [reviewId]))[reviewId].RefundAcknowledgedAt;
        }
        async Task DeliveredAsync(long subscription, DateTimeOffset at)
        {
            await using var write = Check();
            (await write.WebhookDeliveries.Where(d => d.SubscriptionId == subscription).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, WebhookDeliveryState.Delivered).SetProperty(d => d.DeliveredAt, at))).Should().Be(1);
        }

        (await AcknowledgedAsync()).Should().BeNull("nobody has answered yet");
        await DeliveredAsync(own, DateTimeOffset.UtcNow.AddSeconds(-10));
        (await AcknowledgedAsync()).Should().BeNull("the seller's own tools are not the payment system");
        var paid = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await DeliveredAsync(payments, paid);
        (await AcknowledgedAsync()).Should().Be(paid);
    }

    [Fact]
    public async Task Reply_ToSupportRequest_WritesCustomerReplied_RefusedReplyWritesNone()
    {
        var (oliver, request) = await ContactOfAsync("R0067");
        var (lucia, offer) = await ContactOfAsync("R0001");

        (await Center().ReplyAsync(oliver, request, "Yes, please call me.")).Succeeded.Should().BeTrue();
        (await Center().ReplyAsync(lucia, offer, "Thanks")).Kind.Should().Be(OutcomeKind.Refused);

        var replies = await EventsAsync(WebhookEventTypes.CustomerReplied);
        replies.Where(e => e.ContactId == request).Should().ContainSingle().Which.Text("customer").Should().Be("C6");
        replies.Should().NotContain(e => e.ContactId == offer);
    }

    [Fact]
    public async Task Decline_SupportRequest_WritesCustomerDeclined_SecondDeclineWritesNone()
    {
        var (oliver, request) = await ContactOfAsync("R0067");

        (await Center().DeclineAsync(oliver, request)).Succeeded.Should().BeTrue();
        (await Center().DeclineAsync(oliver, request)).Kind.Should().Be(OutcomeKind.Refused);

        (await EventsAsync(WebhookEventTypes.CustomerDeclined)).Should().ContainSingle().Which.Text("contact").Should().Be("R0067");
    }

    [Fact]
    public async Task BlockBrand_WritesBlockedBrandHeardByEveryAccountOfTheBrand_SecondBlockWritesNone()
    {
        var (lucia, contact) = await ContactOfAsync("R0001");
        long s1, s2, s3;
        await using (var arrange = Check())
        {
            // Acme (B1) is associated with Acme Trading (S1) and Globex Retail (S3), not with Northwind Goods (S2).
            s1 = await SubscribeAsync(arrange, await AccountIdAsync("Acme Trading"), "https://hooks.example.test/1", Secret, WebhookEventTypes.CustomerBlockedBrand);
            s2 = await SubscribeAsync(arrange, await AccountIdAsync("Northwind Goods"), "https://hooks.example.test/2", Secret, WebhookEventTypes.CustomerBlockedBrand);
            s3 = await SubscribeAsync(arrange, await AccountIdAsync("Globex Retail"), "https://hooks.example.test/3", Secret, WebhookEventTypes.CustomerBlockedBrand);
        }

        (await Center().BlockBrandAsync(lucia, contact)).Succeeded.Should().BeTrue();
        (await Center().BlockBrandAsync(lucia, contact)).Succeeded.Should().BeTrue("a second block is no error, and no second event");

        var e = (await EventsAsync(WebhookEventTypes.CustomerBlockedBrand)).Should().ContainSingle().Subject;
        (e.Text("customer"), e.Text("brand"), e.Text("contact")).Should().Be(("C5", "B1", "R0001"));
        e.Subscriptions.Should().Equal(s1, s3);
        s2.Should().NotBe(0);
    }

    [Fact]
    public async Task Import_NewCriticalReview_WritesReviewCriticalCreated_UpdateAndFiveStarsWriteNone()
    {
        long platform;
        await using (var arrange = Check())
            platform = await SubscribeAsync(arrange, null, "https://pay.example.test/hooks", Secret, WebhookEventTypes.ReviewCriticalCreated);
        var at = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var critical = new ReviewRecord("$.reviews[0]", "R9001", "B000ACME01", "C1", "111-0000286-0002002", 2, "Lid leaks", "It leaks.", at, true);
        var praise = new ReviewRecord("$.reviews[1]", "R9002", "B000ACME01", "C1", null, 5, "Great", "Great kettle.", at, false);
        var import = new ImportService(Db);

        (await import.ImportAsync(ImportFile.Empty with { Reviews = [critical, praise] })).Succeeded.Should().BeTrue();
        (await import.ImportAsync(ImportFile.Empty with { Reviews = [critical with { Title = "Lid leaks badly" }] })).Succeeded.Should().BeTrue();

        // The demo data's own critical reviews had theirs when the demo was imported.
        var events = (await EventsAsync(WebhookEventTypes.ReviewCriticalCreated)).Where(e => e.Text("review").StartsWith("R9", StringComparison.Ordinal));
        var e = events.Should().ContainSingle().Subject;
        (e.Text("review"), e.Text("brand"), e.Text("asin"), e.Text("customer"), e.Text("order"), e.Text("title"))
            .Should().Be(("R9001", "B1", "B000ACME01", "C1", "111-0000286-0002002", "Lid leaks"));
        e.Data.GetProperty("rating").GetInt32().Should().Be(2);
        e.SellerAccountId.Should().BeNull("Acme is associated with two accounts, and both hear it");
        e.Subscriptions.Should().Equal(platform);
    }
}
