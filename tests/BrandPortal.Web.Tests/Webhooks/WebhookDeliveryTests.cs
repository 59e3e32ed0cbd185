using System.Net;
using BrandPortal.Core.Alerts.Conditions;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Messaging;
using BrandPortal.Core.Webhooks;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BrandPortal.Web.Tests.Webhooks;

/// <summary>
/// Events caused in the running portal reach a real receiver on loopback, signed, once per webhook-id, through the
/// portal's own dispatcher: retried while the receiver fails or is down, stopped for good by 410.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookPortal portal) : IClassFixture<WebhookPortal>
{
    private WebhookReceiver Receiver => portal.Receiver;

    [Fact]
    public async Task AcceptRefundInMessageCenter_ArrivesAtThePaymentSystemWithinSeconds_AndTheContactPageShowsItAcknowledged()
    {
        var subscription = await portal.SubscribeAsync("payments", [WebhookEventTypes.RefundAccepted]);
        var contactId = await ContactSteps.ContactAsync(portal, "R0281", ContactReason.CourtesyRefund); // 2 × 149.00 USD
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        var url = $"/YourAccount/MessageCenter/{contactId}";

        var accepted = await jane.PostFormAsync($"{url}?handler=Accept", new Dictionary<string, string>(), url);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var received = (await Receiver.WaitForAsync("payments", 1, TimeSpan.FromSeconds(5))).Should().ContainSingle().Subject;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));

        received.SignatureValid.Should().BeTrue();
        received.Type.Should().Be(WebhookEventTypes.RefundAccepted);
        var d = received.Data;
        (d.GetProperty("contact").GetString(), d.GetProperty("review").GetString(), d.GetProperty("seller").GetString(), d.GetProperty("customer").GetString())
            .Should().Be(("R0281", "R0281", "S1", "C1"));
        d.GetProperty("order").GetString().Should().NotBeNullOrEmpty();
        d.GetProperty("asin").GetString().Should().NotBeNullOrEmpty();
        (d.GetProperty("refund").GetProperty("amount").GetDecimal(), d.GetProperty("refund").GetProperty("currency").GetString())
            .Should().Be((298.00m, "USD"));

        var delivery = await WaitForAsync(subscription, ds => ds.Count == 1 && ds[0].State == WebhookDeliveryState.Delivered);
        delivery[0].LastStatusCode.Should().Be(200);
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, page) = await rep.GetPageAsync($"/Brands/Reviews/{await ContactSteps.ReviewIdAsync(portal, "R0281")}/Contact");
        page.QuerySelector(".timeline")!.TextContent.Should().Contain("Refund acknowledged by the payment system");
    }

    [Fact]
    public async Task EveryEventType_ArrivesOnceSignedWithTheDataOfTheContract()
    {
        await portal.SubscribeAsync("all", [.. WebhookEventTypes.All]);
        await portal.ImportCriticalReviewsAsync("RALL", 1);                                        // review.critical_created
        var refund = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CourtesyRefund); // contact.sent
        var support = await ContactSteps.ContactAsync(portal, "R0067", ContactReason.CustomerSupport);
        var declined = await ContactSteps.ContactAsync(portal, "R0212", ContactReason.CustomerSupport);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var center = scope.ServiceProvider.GetRequiredService<MessageCenterService>();
            var customer = new Actor(null, "customer", null, null);
            (await center.AcceptRefundAsync(await CustomerOfAsync(refund), customer, refund)).Succeeded.Should().BeTrue();  // refund.accepted
            (await center.ReplyAsync(await CustomerOfAsync(support), support, "Please call me.")).Succeeded.Should().BeTrue(); // customer.replied
            (await center.DeclineAsync(await CustomerOfAsync(declined), declined)).Succeeded.Should().BeTrue();             // customer.declined
            (await center.BlockBrandAsync(await CustomerOfAsync(declined), declined)).Succeeded.Should().BeTrue();          // customer.blocked_brand
        }
        await using (var db = portal.CreateContext()) // the customer has waited 21 hours for the brand: alert.response_due
            await db.Threads.Where(t => t.ContactId == support).ExecuteUpdateAsync(s => s.SetProperty(t => t.ResponseNeededSince, DateTimeOffset.UtcNow.AddHours(-21)));
        await PlantRatingDropAndTopicSpikeAsync();                                                  // alert.rating_drop, alert.topic_spike
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<ConditionAlertService>().RunAsync()).Should().BeGreaterThanOrEqualTo(3);
        await using (var db = portal.CreateContext()) // the customer has waited 25 hours for the brand: thread.overdue
            await db.Threads.Where(t => t.ContactId == support).ExecuteUpdateAsync(s => s.SetProperty(t => t.ResponseNeededSince, DateTimeOffset.UtcNow.AddHours(-25)));
        portal.Smtp.Reject(550, "no such mailbox");                                                 // contact.delivery_failed
        try
        {
            await ContactSteps.ContactAsync(portal, "R0001", ContactReason.CustomerSupport);
            // One of each type, and contact.sent four times.
            await Receiver.WaitForAsync("all", 14, TimeSpan.FromSeconds(15));
        }
        finally
        {
            portal.Smtp.Reject(null);
        }

        var received = Receiver.At("all");
        received.Should().OnlyContain(r => r.SignatureValid);
        received.GroupBy(r => r.Id).Should().OnlyContain(g => g.Count() == 1, "each event arrives once");
        received.Select(r => r.Type).Distinct().Should().BeEquivalentTo(WebhookEventTypes.All);
        received.Where(r => r.Type == WebhookEventTypes.ContactSent).Select(r => r.Data.GetProperty("contact").GetString())
            .Should().BeEquivalentTo("R0331", "R0067", "R0212", "R0001");
        var keys = new Dictionary<string, string[]>
        {
            [WebhookEventTypes.ReviewCriticalCreated] = ["review", "rating", "brand", "asin", "customer", "createdAt"],
            [WebhookEventTypes.ContactSent] = ["contact", "review", "reason", "brand", "asin", "seller", "customer", "order", "at"],
            [WebhookEventTypes.ContactDeliveryFailed] = ["contact", "seller", "customer", "error", "at"],
            [WebhookEventTypes.CustomerReplied] = ["contact", "seller", "customer", "at"],
            [WebhookEventTypes.CustomerDeclined] = ["contact", "seller", "customer", "at"],
            [WebhookEventTypes.RefundAccepted] = ["contact", "review", "order", "asin", "seller", "customer", "refund", "at"],
            [WebhookEventTypes.CustomerBlockedBrand] = ["customer", "brand", "contact", "at"],
            [WebhookEventTypes.ThreadOverdue] = ["contact", "seller", "customer", "responseNeededSince", "answerDueAt"],
            [WebhookEventTypes.AlertRatingDrop] = ["brand", "seller", "recentAverage", "recentReviews", "priorAverage", "priorReviews", "drop", "at"],
            [WebhookEventTypes.AlertTopicSpike] = ["brand", "asin", "seller", "term", "reviews", "since", "at"],
            [WebhookEventTypes.AlertResponseDue] = ["contact", "seller", "customer", "responseNeededSince", "answerDueAt"],
        };
        foreach (var r in received)
            keys[r.Type].Where(k => !r.Data.TryGetProperty(k, out var _)).Should().BeEmpty($"{r.Type} names them all");
    }

    /// <summary>
    /// Globex (Globex Retail only): 20 five-star reviews two months ago, then 20 one-star ones this week that all name
    /// a word no review of the product used before.
    /// </summary>
    private async Task PlantRatingDropAndTopicSpikeAsync()
    {
        await using var db = portal.CreateContext();
        var product = await db.Products.Where(p => p.Asin == "B000GLBX01").Select(p => new { p.Id, p.BrandId }).SingleAsync();
        var customer = await db.Customers.Select(c => c.Id).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        db.Reviews.AddRange(Enumerable.Range(0, 40).Select(i => new Review
        {
            ExternalId = $"RCOND{i:D3}", ProductId = product.Id, BrandId = product.BrandId, CustomerId = customer, Rating = (short)(i < 20 ? 5 : 1),
            Title = i < 20 ? "" : "Quuxwobble", Body = i < 20 ? "" : "Quuxwobble.", CreatedAt = i < 20 ? now.AddDays(-60) : now.AddDays(-2),
        }));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Receiver500sThen200_RetriedThenDelivered()
    {
        Receiver.Behaviour["flaky"] = seen => seen <= 2 ? 500 : 200;
        var subscription = await portal.SubscribeAsync("flaky", [WebhookEventTypes.ReviewCriticalCreated]);

        await portal.ImportCriticalReviewsAsync("RFLK", 1);

        var delivery = (await WaitForAsync(subscription, ds => ds.Count == 1 && ds[0].State == WebhookDeliveryState.Delivered)).Single();
        (delivery.Attempts, delivery.LastStatusCode).Should().Be((3, 200));
        delivery.DeliveredAt.Should().NotBeNull();
        Receiver.At("flaky").Should().HaveCount(3).And.OnlyContain(r => r.Id == delivery.Event!.MessageId && r.SignatureValid);
    }

    [Fact]
    public async Task Receiver410_DisablesTheSubscription_AndNothingMoreIsSent()
    {
        Receiver.Behaviour["gone"] = _ => 410;
        var subscription = await portal.SubscribeAsync("gone", [WebhookEventTypes.ReviewCriticalCreated]);

        await portal.ImportCriticalReviewsAsync("RGON", 1);
        await WaitForAsync(subscription, ds => ds.Count == 1 && ds[0].State == WebhookDeliveryState.Failed);
        var disabled = await portal.SubscriptionAsync(subscription);
        await portal.ImportCriticalReviewsAsync("RGOX", 3);
        await Task.Delay(1000);

        disabled.DisabledAt.Should().NotBeNull();
        disabled.DisabledReason.Should().Contain("410");
        Receiver.At("gone").Should().ContainSingle();
        (await portal.DeliveriesAsync(subscription)).Should().ContainSingle().Which.LastStatusCode.Should().Be(410);
        await using var db = portal.CreateContext();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.WebhookDisabled && a.ObjectId == disabled.PublicId).ToListAsync();
        audit.Should().ContainSingle("the dispatcher disabled it once, and says so in the owner's audit log");
        (audit[0].Actor, audit[0].SellerAccountId, audit[0].After).Should().Be(("system", disabled.SellerAccountId, $"disabled: {disabled.DisabledReason}"));
    }

    [Fact]
    public async Task ReceiverDown30Seconds_DeliveredOncePerWebhookIdAfterItReturns()
    {
        var subscription = await portal.SubscribeAsync("down", [WebhookEventTypes.ReviewCriticalCreated]);
        await Receiver.StopAsync();
        try
        {
            await portal.ImportCriticalReviewsAsync("RDWN", 20);
            await Task.Delay(TimeSpan.FromSeconds(30));
            var waiting = await portal.DeliveriesAsync(subscription);
            waiting.Should().HaveCount(20).And.OnlyContain(d => d.State == WebhookDeliveryState.Pending && d.Attempts >= 2 && d.LastAnswer != null);
        }
        finally
        {
            await Receiver.StartAsync();
        }

        var received = await Receiver.WaitForAsync("down", 20, TimeSpan.FromSeconds(10));
        received.GroupBy(r => r.Id).Should().HaveCount(20).And.OnlyContain(g => g.Count() == 1);
        await WaitForAsync(subscription, ds => ds.All(d => d.State == WebhookDeliveryState.Delivered));
    }

    [Fact]
    public async Task Redirect_IsNotFollowed_AndCountsAsAFailure()
    {
        Receiver.Behaviour["moved"] = _ => 307;
        var subscription = await portal.SubscribeAsync("moved", [WebhookEventTypes.ReviewCriticalCreated]);

        await portal.ImportCriticalReviewsAsync("RMOV", 1);

        var delivery = (await WaitForAsync(subscription, ds => ds.Count == 1 && ds[0].Attempts >= 2)).Single();
        (delivery.State, delivery.LastStatusCode).Should().Be((WebhookDeliveryState.Pending, 307));
        delivery.LastAnswer.Should().Contain("not followed");
    }

    private async Task<long> CustomerOfAsync(long contactId)
    {
        await using var db = portal.CreateContext();
        return await db.Contacts.Where(c => c.Id == contactId).Select(c => c.CustomerId).SingleAsync();
    }

    private async Task<List<WebhookDelivery>> WaitForAsync(long subscription, Func<List<WebhookDelivery>, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var deliveries = await portal.DeliveriesAsync(subscription);
            if (condition(deliveries)) return deliveries;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Deliveries: " + string.Join("; ", deliveries.Select(d => $"{d.State} {d.Attempts} {d.LastStatusCode} {d.LastAnswer}")));
            await Task.Delay(50);
        }
    }
}
