using System.Net;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Api;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Admin.Webhooks;

/// <summary>/Admin/Webhooks (an account's subscriptions) and /Support/Webhooks (platform subscriptions).</summary>
public sealed class WebhooksPageTests(PublicTargetsPortal portal) : IClassFixture<PublicTargetsPortal>
{
    private const string PublicUrl = "https://93.184.215.14/brandportal";

    private static async Task<HttpResponseMessage> CreateAsync(PortalClient client, string page, string url, params string[] events)
    {
        var fields = new List<KeyValuePair<string, string>> { new("TargetUrl", url) };
        fields.AddRange(events.Select(e => new KeyValuePair<string, string>("Events", e)));
        return await client.PostFormAsync($"{page}?handler=Create", fields, page);
    }

    private async Task<WebhookSubscription> StoredAsync(string url)
    {
        await using var db = portal.CreateContext();
        return await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Url == url);
    }

    [Fact]
    public async Task Create_AccountAdmin_ShowsTheSecretOnceAndListsTheSubscription()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        const string url = PublicUrl + "/once";

        var response = await CreateAsync(admin, "/Admin/Webhooks", url, "refund.accepted", "contact.sent");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        var secret = page.QuerySelector("#new-secret")!.GetAttribute("value")!;
        var stored = await StoredAsync(url);
        secret.Should().StartWith("whsec_").And.Be(stored.Secret);
        stored.Should().BeEquivalentTo(new { Kind = ApiKeyKind.Account, CreatedBy = DemoUsers.AccountAdmin });
        stored.Events.Should().Equal("refund.accepted", "contact.sent");

        var (_, again) = await admin.GetPageAsync("/Admin/Webhooks");
        again.QuerySelector("#new-secret").Should().BeNull("the secret is shown only in the answer to the creation");
        again.Body!.InnerHtml.Should().NotContain(secret);
        again.QuerySelector($"#webhook-{stored.PublicId}")!.TextContent.Should().Contain(url).And.Contain("refund.accepted, contact.sent")
            .And.Contain(DemoUsers.AccountAdmin).And.Contain("active");
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("http://example.com/hook")]
    public async Task Create_PrivateOrPlainHttpTarget_ExplainsAndStoresNothing(string url)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);

        var response = await CreateAsync(admin, "/Admin/Webhooks", url, "refund.accepted");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#error").Should().NotBeNull();
        page.QuerySelector("[data-rule=WebhookUrl]")!.TextContent.Should().Match(t => t.Contains("https://") || t.Contains("loopback, private or link-local"));
        page.QuerySelector("#new-secret").Should().BeNull();
        await using var db = portal.CreateContext();
        (await db.WebhookSubscriptions.AnyAsync(s => s.Url == url)).Should().BeFalse();
    }

    [Fact]
    public async Task TestThenResend_ShowsTheDeliveryAndQueuesItAgain()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        const string url = PublicUrl + "/test";
        await CreateAsync(admin, "/Admin/Webhooks", url, "refund.accepted");
        var stored = await StoredAsync(url);

        var test = await admin.PostFormAsync("/Admin/Webhooks?handler=Test", new Dictionary<string, string> { ["id"] = $"{stored.Id}" }, "/Admin/Webhooks");
        var (_, page) = await admin.GetPageAsync("/Admin/Webhooks");
        await using var db = portal.CreateContext();
        var delivery = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Event).SingleAsync(d => d.SubscriptionId == stored.Id);
        var resend = await admin.PostFormAsync("/Admin/Webhooks?handler=Resend",
            new Dictionary<string, string> { ["id"] = $"{stored.Id}", ["deliveryId"] = $"{delivery.Id}" }, "/Admin/Webhooks");

        test.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.QuerySelector("#message")!.TextContent.Should().Contain(delivery.Event!.MessageId);
        page.QuerySelector($"#delivery-{delivery.Event.MessageId}")!.TextContent.Should().Contain("webhook.test");
        resend.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.WebhookResent && a.ObjectId == delivery.Event.MessageId && a.Actor == DemoUsers.AccountAdmin))
            .Should().BeTrue();
    }

    [Fact]
    public async Task EnableAndDelete_DisabledSubscription_ShowsItsReasonThenReEnablesThenDeletes()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        const string url = PublicUrl + "/gone";
        await CreateAsync(admin, "/Admin/Webhooks", url, "customer.replied");
        var stored = await StoredAsync(url);
        await TestPostgres.ExecuteAsync(portal.ConnectionString,
            $"UPDATE webhook_subscriptions SET disabled_at = now(), disabled_reason = 'The target answered 410 Gone.' WHERE id = {stored.Id}");

        var (_, disabled) = await admin.GetPageAsync("/Admin/Webhooks");
        var enable = await admin.PostFormAsync("/Admin/Webhooks?handler=Enable", new Dictionary<string, string> { ["id"] = $"{stored.Id}" }, "/Admin/Webhooks");
        var enabled = (await StoredAsync(url)).DisabledAt;
        var delete = await admin.PostFormAsync("/Admin/Webhooks?handler=Delete", new Dictionary<string, string> { ["id"] = $"{stored.Id}" }, "/Admin/Webhooks");

        disabled.QuerySelector($"#webhook-{stored.PublicId}")!.TextContent.Should().Contain("disabled").And.Contain("410 Gone");
        enable.StatusCode.Should().Be(HttpStatusCode.Redirect);
        enabled.Should().BeNull();
        delete.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = portal.CreateContext();
        (await db.WebhookSubscriptions.AnyAsync(s => s.Id == stored.Id)).Should().BeFalse();
    }

    [Fact]
    public async Task OtherAccountsAdmin_CannotSeeOrChangeIt_404()
    {
        var acme = await portal.SignInAsync(DemoUsers.AccountAdmin);
        const string url = PublicUrl + "/acme-only";
        await CreateAsync(acme, "/Admin/Webhooks", url, "refund.accepted");
        var stored = await StoredAsync(url);
        var globex = await portal.SignInAsync(DemoUsers.OtherTenantAdmin);

        foreach (var handler in new[] { "Delete", "Test", "Enable" })
            (await globex.PostFormAsync($"/Admin/Webhooks?handler={handler}", new Dictionary<string, string> { ["id"] = $"{stored.Id}" }, "/Admin/Webhooks"))
                .StatusCode.Should().Be(HttpStatusCode.NotFound);

        var (_, page) = await globex.GetPageAsync("/Admin/Webhooks");
        page.Body!.InnerHtml.Should().NotContain(url);
        await using var db = portal.CreateContext();
        (await db.WebhookDeliveries.AnyAsync(d => d.SubscriptionId == stored.Id)).Should().BeFalse();
        (await db.WebhookSubscriptions.AnyAsync(s => s.Id == stored.Id)).Should().BeTrue();
    }

    [Theory]
    [InlineData(DemoUsers.RepTwoBrands)]
    [InlineData(DemoUsers.Viewer)]
    public async Task Get_UserWhoIsNotAccountAdministrator_Is403(string email)
    {
        var user = await portal.SignInAsync(email);

        (await user.Http.GetAsync("/Admin/Webhooks")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Get_Customer_IsRefused()
    {
        var customer = await portal.SignInAsync(DemoUsers.Customer);

        (await customer.Http.GetAsync("/Admin/Webhooks")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await customer.Http.GetAsync("/Support/Webhooks")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_Support_MakesAPlatformSubscriptionTheAccountAdminNeitherSeesNorOpens()
    {
        var support = await portal.SignInAsync(DemoUsers.Support);
        const string url = PublicUrl + "/payments";

        var response = await CreateAsync(support, "/Support/Webhooks", url, "refund.accepted");

        (await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("#new-secret").Should().NotBeNull();
        var stored = await StoredAsync(url);
        stored.Should().BeEquivalentTo(new { Kind = ApiKeyKind.Platform, SellerAccountId = (long?)null });
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        (await admin.Http.GetAsync("/Support/Webhooks")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await admin.GetPageAsync("/Admin/Webhooks")).Document.Body!.InnerHtml.Should().NotContain(url);
        (await admin.PostFormAsync("/Admin/Webhooks?handler=Delete", new Dictionary<string, string> { ["id"] = $"{stored.Id}" }, "/Admin/Webhooks"))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
