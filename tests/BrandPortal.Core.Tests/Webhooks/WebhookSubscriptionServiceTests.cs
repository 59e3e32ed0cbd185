using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xunit;

namespace BrandPortal.Core.Tests.Webhooks;

public sealed class WebhookSubscriptionServiceTests : DemoDatabaseTest
{
    /// <summary>Demo users: Acme's administrator and others of Acme, Globex's administrator, Support, a customer.</summary>
    private static class Users
    {
        public const string AccountAdmin = "admin@acme.test";
        public const string Viewer = "viewer@acme.test";
        public const string RepTwoBrands = "rep.two@acme.test";
        public const string OtherTenantAdmin = "admin@globex.test";
        public const string Support = "support@brandportal.test";
        public const string Customer = "jane@example.test";
    }

    private const string PublicUrl = "https://93.184.215.14/brandportal";

    private WebhookSubscriptionService Service(bool allowPrivate = false)
        => new(Db, TimeProvider.System, Options.Create(new WebhookOptions { AllowPrivateTargets = allowPrivate }));

    private async Task<(WebhookOwner Owner, Actor Actor)> AsAsync(string email, ApiKeyKind kind)
    {
        var user = await UserAsync(email);
        return (WebhookOwner.OfUser(user, kind)!, ActorOf(user));
    }

    private async Task<WebhookCreation> CreateAsync(string email, ApiKeyKind kind, params string[] events)
    {
        var (owner, actor) = await AsAsync(email, kind);
        return await Service().CreateAsync(owner, actor, PublicUrl, events.Length == 0 ? [WebhookEventTypes.RefundAccepted] : events);
    }

    [Fact]
    public async Task Create_AccountAdmin_StoresTheSubscriptionForTheAccountAndShowsTheSecretOnce()
    {
        var created = await CreateAsync(Users.AccountAdmin, ApiKeyKind.Account, WebhookEventTypes.RefundAccepted, WebhookEventTypes.CustomerReplied);

        created.Outcome.Succeeded.Should().BeTrue();
        created.Subscription!.PublicId.Should().MatchRegex("^wh_[a-z0-9]{24}$");
        created.Secret.Should().StartWith("whsec_");
        Convert.FromBase64String(created.Secret!["whsec_".Length..]).Should().HaveCount(32);
        await using var check = Check();
        var stored = await check.WebhookSubscriptions.AsNoTracking().SingleAsync();
        stored.Kind.Should().Be(ApiKeyKind.Account);
        stored.SellerAccountId.Should().Be(await AccountIdAsync("Acme Trading"));
        stored.Url.Should().Be(PublicUrl);
        stored.Events.Should().Equal(WebhookEventTypes.RefundAccepted, WebhookEventTypes.CustomerReplied);
        stored.Secret.Should().Be(created.Secret);
        stored.CreatedBy.Should().Be(Users.AccountAdmin);
        (await AuditAsync(AuditActions.WebhookCreated)).Should().ContainSingle(a => a.ObjectId == stored.PublicId && a.SellerAccountId == stored.SellerAccountId);
        var (owner, _) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);
        (await Service().ListAsync(owner)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { stored.PublicId, stored.Url, Disabled = false });
    }

    [Fact]
    public async Task Create_Support_MakesAPlatformSubscriptionTheAccountDoesNotSee()
    {
        await CreateAsync(Users.Support, ApiKeyKind.Platform);

        await using var check = Check();
        (await check.WebhookSubscriptions.SingleAsync()).Should().BeEquivalentTo(new { Kind = ApiKeyKind.Platform, SellerAccountId = (long?)null });
        var (admin, _) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);
        (await Service().ListAsync(admin)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(Users.Viewer, ApiKeyKind.Account)]
    [InlineData(Users.RepTwoBrands, ApiKeyKind.Account)]
    [InlineData(Users.Customer, ApiKeyKind.Account)]
    [InlineData(Users.Support, ApiKeyKind.Account)]
    [InlineData(Users.AccountAdmin, ApiKeyKind.Platform)]
    public async Task Owner_UserWhoManagesNoneOfThatKind_HasNoneAndIsForbidden(string email, ApiKeyKind kind)
    {
        var user = await UserAsync(email);
        var owner = WebhookOwner.OfUser(user, kind);

        owner.Should().BeNull();
        (await Service().CreateAsync(owner, ActorOf(user), PublicUrl, [WebhookEventTypes.RefundAccepted])).Outcome.Should().Be(Outcome.Forbidden);
        (await Service().ListAsync(owner)).Should().BeNull();
        await using var check = Check();
        (await check.WebhookSubscriptions.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task EveryChange_ByAnotherOwner_IsNotFoundAndChangesNothing()
    {
        var acme = (await CreateAsync(Users.AccountAdmin, ApiKeyKind.Account)).Subscription!;
        var platform = (await CreateAsync(Users.Support, ApiKeyKind.Platform)).Subscription!;
        var (acmeOwner, acmeActor) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);
        (await Service().SendTestAsync(acmeOwner, acmeActor, WebhookRef.Of(acme.Id))).Outcome.Succeeded.Should().BeTrue();
        var delivery = (await Service().DeliveriesAsync(acmeOwner, WebhookRef.Of(acme.Id)))!.Single();
        var (globex, globexActor) = await AsAsync(Users.OtherTenantAdmin, ApiKeyKind.Account);
        await using var before = Check();
        var snapshot = (await before.WebhookDeliveries.CountAsync(), await before.WebhookEvents.CountAsync(), await before.AuditEntries.CountAsync());

        foreach (var (owner, actor, target) in new[] { (globex, globexActor, acme), (acmeOwner, acmeActor, platform) })
        {
            foreach (var which in new[] { WebhookRef.Of(target.Id), WebhookRef.Of(target.PublicId) })
            {
                (await Service().DeleteAsync(owner, actor, which)).Should().Be(Outcome.NotFound);
                (await Service().SendTestAsync(owner, actor, which)).Outcome.Should().Be(Outcome.NotFound);
                (await Service().EnableAsync(owner, actor, which)).Should().Be(Outcome.NotFound);
                (await Service().DeliveriesAsync(owner, which)).Should().BeNull();
                (await Service().ResendAsync(owner, actor, which, WebhookDeliveryRef.Of(delivery.Id))).Outcome.Should().Be(Outcome.NotFound);
            }
        }
        // A delivery of the owner's own subscription is not reached through another subscription either.
        (await Service().ResendAsync(globex, globexActor, WebhookRef.Of(acme.Id), WebhookDeliveryRef.Of(delivery.MessageId))).Outcome.Should().Be(Outcome.NotFound);

        (await Service().ListAsync(globex)).Should().BeEmpty();
        await using var after = Check();
        (await after.WebhookSubscriptions.CountAsync()).Should().Be(2);
        (await after.WebhookDeliveries.CountAsync(), await after.WebhookEvents.CountAsync(), await after.AuditEntries.CountAsync()).Should().Be(snapshot);
    }

    [Fact]
    public async Task Changes_IdWithANul_AreNotFoundWithoutReachingTheDatabase()
    {
        var (owner, actor) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);

        (await Service().DeleteAsync(owner, actor, WebhookRef.Of("wh_\u0000"))).Should().Be(Outcome.NotFound);
        (await Service().GetAsync(owner, WebhookRef.Of("wh_\u0000"))).Should().BeNull();
        (await Service().ResendAsync(owner, actor, WebhookRef.Of("wh_\u0000"), WebhookDeliveryRef.Of("msg_\u0000"))).Outcome.Should().Be(Outcome.NotFound);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://localhost/hook")]
    [InlineData("http://example.com/hook")]
    [InlineData("https://93.184.215.14/\u0000hook")]
    public async Task Create_UrlThatIsNotAPublicHttpsTarget_IsRefusedByPathAndStoresNothing(string url)
    {
        var (owner, actor) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);

        var created = await Service().CreateAsync(owner, actor, url, [WebhookEventTypes.RefundAccepted]);

        created.Outcome.Kind.Should().Be(OutcomeKind.Refused);
        created.Secret.Should().BeNull();
        created.Errors.Should().ContainSingle().Which.Path.Should().Be("$.url");
        created.Outcome.Reasons.Should().ContainSingle(r => r.Code == "WebhookUrl");
        await using var check = Check();
        (await check.WebhookSubscriptions.CountAsync()).Should().Be(0);
        (await AuditAsync(AuditActions.WebhookCreated)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://127.0.0.1:8443/hook")]
    [InlineData("http://localhost:5000/hook")]
    public async Task Create_PrivateTargetWhenAllowed_IsStored(string url)
    {
        var (owner, actor) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);

        (await Service(allowPrivate: true).CreateAsync(owner, actor, url, [WebhookEventTypes.RefundAccepted])).Outcome.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Create_BadEvents_NamesEachByItsPlaceInTheList()
    {
        var (owner, actor) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);

        var none = await Service().CreateAsync(owner, actor, PublicUrl, []);
        var bad = await Service().CreateAsync(owner, actor, PublicUrl, [WebhookEventTypes.RefundAccepted, "refund.paid", WebhookEventTypes.RefundAccepted, null]);

        none.Errors.Select(e => e.Path).Should().Equal("$.events");
        bad.Errors.Select(e => e.Path).Should().Equal("$.events[1]", "$.events[2]", "$.events[3]");
        bad.Errors[0].Message.Should().Contain("refund.paid").And.Contain(WebhookEventTypes.CustomerReplied);
        bad.Errors[1].Message.Should().Contain("twice");
        await using var check = Check();
        (await check.WebhookSubscriptions.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Create_BeyondTheCap_IsRefused()
    {
        for (var i = 0; i < WebhookSubscriptionService.MaxPerOwner; i++)
            (await CreateAsync(Users.AccountAdmin, ApiKeyKind.Account)).Outcome.Succeeded.Should().BeTrue();

        var one = await CreateAsync(Users.AccountAdmin, ApiKeyKind.Account);
        var other = await CreateAsync(Users.OtherTenantAdmin, ApiKeyKind.Account);

        one.Outcome.Kind.Should().Be(OutcomeKind.Refused);
        one.Outcome.Message.Should().Contain("20");
        other.Outcome.Succeeded.Should().BeTrue("the cap is per owner");
    }

    [Fact]
    public async Task SendTest_WritesOneTestEventWithOneDeliveryForThatSubscriptionOnly()
    {
        var first = (await CreateAsync(Users.AccountAdmin, ApiKeyKind.Account)).Subscription!;
        var second = (await CreateAsync(Users.AccountAdmin, ApiKeyKind.Account)).Subscription!;
        await CreateAsync(Users.Support, ApiKeyKind.Platform);
        var (owner, actor) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);

        var sent = await Service().SendTestAsync(owner, actor, WebhookRef.Of(first.PublicId));

        sent.Outcome.Succeeded.Should().BeTrue();
        await using var check = Check();
        var e = await check.WebhookEvents.AsNoTracking().SingleAsync(x => x.Type == "webhook.test");
        e.Should().BeEquivalentTo(new { MessageId = sent.MessageId, Type = "webhook.test", SellerAccountId = (long?)await AccountIdAsync("Acme Trading") });
        e.Data.Should().Contain(first.PublicId);
        (await check.WebhookDeliveries.AsNoTracking().SingleAsync()).Should()
            .BeEquivalentTo(new { EventId = e.Id, SubscriptionId = first.Id, State = WebhookDeliveryState.Pending, Attempts = 0 });
        (await AuditAsync(AuditActions.WebhookTested)).Should().ContainSingle(a => a.ObjectId == first.PublicId);
        second.Id.Should().NotBe(first.Id);
    }

    [Fact]
    public async Task Resend_FailedDelivery_IsPendingAndDueNowWithTheSameWebhookId()
    {
        var s = (await CreateAsync(Users.Support, ApiKeyKind.Platform)).Subscription!;
        var (owner, actor) = await AsAsync(Users.Support, ApiKeyKind.Platform);
        var test = await Service().SendTestAsync(owner, actor, WebhookRef.Of(s.Id));
        var longAgo = DateTimeOffset.UtcNow.AddDays(-4);
        await Check().WebhookDeliveries.ExecuteUpdateAsync(u => u.SetProperty(d => d.State, WebhookDeliveryState.Failed)
            .SetProperty(d => d.Attempts, 12).SetProperty(d => d.NextAttemptAt, longAgo).SetProperty(d => d.LastStatusCode, 500));
        Db.ChangeTracker.Clear(); // as the next request's context would: it reads the rows as they are now

        var resent = await Service().ResendAsync(owner, actor, WebhookRef.Of(s.PublicId), WebhookDeliveryRef.Of(test.MessageId));

        resent.Outcome.Succeeded.Should().BeTrue();
        resent.MessageId.Should().Be(test.MessageId);
        await using var check = Check();
        var d = await check.WebhookDeliveries.AsNoTracking().SingleAsync();
        d.State.Should().Be(WebhookDeliveryState.Pending);
        d.NextAttemptAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        d.Attempts.Should().Be(12, "the log keeps counting the tries");
        (await check.WebhookEvents.CountAsync(x => x.Type == "webhook.test")).Should().Be(1, "the same event, so the same webhook-id");
        (await AuditAsync(AuditActions.WebhookResent)).Should().ContainSingle(a => a.ObjectId == test.MessageId);
    }

    [Fact]
    public async Task Disabled_TestAndResendAreRefused_UntilReEnabled()
    {
        var s = (await CreateAsync(Users.AccountAdmin, ApiKeyKind.Account)).Subscription!;
        var (owner, actor) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);
        var test = await Service().SendTestAsync(owner, actor, WebhookRef.Of(s.Id));
        await Check().WebhookSubscriptions.ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, DateTimeOffset.UtcNow)
            .SetProperty(x => x.DisabledReason, "The target answered 410 Gone."));
        Db.ChangeTracker.Clear();

        var refusedTest = await Service().SendTestAsync(owner, actor, WebhookRef.Of(s.Id));
        var refusedResend = await Service().ResendAsync(owner, actor, WebhookRef.Of(s.Id), WebhookDeliveryRef.Of(test.MessageId));
        var shown = (await Service().OverviewAsync(owner))!.Single();
        var enabled = await Service().EnableAsync(owner, actor, WebhookRef.Of(s.Id));

        refusedTest.Outcome.Kind.Should().Be(OutcomeKind.Refused);
        refusedTest.Outcome.Message.Should().Contain("410 Gone").And.Contain("re-enable");
        refusedResend.Outcome.Kind.Should().Be(OutcomeKind.Refused);
        shown.Subscription.DisabledReason.Should().Be("The target answered 410 Gone.");
        shown.Deliveries.Should().ContainSingle(d => d.MessageId == test.MessageId && d.EventType == "webhook.test");
        enabled.Succeeded.Should().BeTrue();
        await using var check = Check();
        (await check.WebhookSubscriptions.SingleAsync()).Should().BeEquivalentTo(new { DisabledAt = (DateTimeOffset?)null, DisabledReason = (string?)null });
        (await check.WebhookEvents.CountAsync(x => x.Type == "webhook.test")).Should().Be(1);
        (await AuditAsync(AuditActions.WebhookEnabled)).Should().ContainSingle().Which.Before.Should().Contain("410 Gone");
        (await Service().SendTestAsync(owner, actor, WebhookRef.Of(s.Id))).Outcome.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Delete_RemovesTheSubscriptionWithItsDeliveries_AndAudits()
    {
        var s = (await CreateAsync(Users.AccountAdmin, ApiKeyKind.Account)).Subscription!;
        var (owner, actor) = await AsAsync(Users.AccountAdmin, ApiKeyKind.Account);
        await Service().SendTestAsync(owner, actor, WebhookRef.Of(s.Id));

        (await Service().DeleteAsync(owner, actor, WebhookRef.Of(s.PublicId))).Succeeded.Should().BeTrue();

        await using var check = Check();
        (await check.WebhookSubscriptions.CountAsync()).Should().Be(0);
        (await check.WebhookDeliveries.CountAsync()).Should().Be(0);
        (await AuditAsync(AuditActions.WebhookDeleted)).Should().ContainSingle(a => a.ObjectId == s.PublicId && a.Before!.Contains(s.Url));
    }
}
