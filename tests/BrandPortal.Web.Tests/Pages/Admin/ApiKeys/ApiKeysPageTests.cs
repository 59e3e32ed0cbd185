using System.Net;
using System.Security.Cryptography;
using System.Text;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Admin.ApiKeys;

/// <summary>/Admin/ApiKeys (an account's keys) and /Support/ApiKeys (platform keys): shown once, stored as a hash, revoked.</summary>
public sealed class ApiKeysPageTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static async Task<HttpResponseMessage> CreateAsync(PortalClient client, string page, string name, params string[] scopes)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Name", name) };
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Scopes", s)));
        return await client.PostFormAsync($"{page}?handler=Create", fields, page);
    }

    [Fact]
    public async Task Create_AccountAdmin_ShowsTheKeyOnceAndStoresOnlyItsHashForTheAccount()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);

        var response = await CreateAsync(admin, "/Admin/ApiKeys", "Helpdesk", "reviews:read", "contacts:read");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        var key = page.QuerySelector("#new-key")!.GetAttribute("value")!;
        key.Should().MatchRegex("^bp_live_[a-z0-9]{8}_[a-z0-9]{32}$");
        await using var db = portal.CreateContext();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == key.Substring(0, 16));
        stored.Kind.Should().Be(ApiKeyKind.Account);
        stored.SellerAccountId.Should().Be(await db.SellerAccounts.Where(a => a.ExternalId == "S1").Select(a => a.Id).SingleAsync());
        stored.Scopes.Should().Equal("reviews:read", "contacts:read");
        stored.SecretHash.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        stored.CreatedBy.Should().Be(DemoUsers.AccountAdmin);

        var (_, again) = await admin.GetPageAsync("/Admin/ApiKeys");
        again.QuerySelector("#new-key").Should().BeNull("the key is shown only in the answer to its creation");
        again.QuerySelector($"#key-{stored.Prefix}")!.TextContent.Should().Contain("Helpdesk").And.Contain("reviews:read").And.Contain("never");
        again.Body!.InnerHtml.Should().NotContain(key[17..]);
    }

    [Fact]
    public async Task Create_PlatformScopeOnAccountPage_IsRefusedNamingItAndStoresNothing()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        await using var db = portal.CreateContext();
        var before = await db.ApiKeys.CountAsync();

        var response = await CreateAsync(admin, "/Admin/ApiKeys", "Sneaky", "reviews:read", "orders:write");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#error").Should().NotBeNull();
        page.QuerySelector("[data-rule=ApiKeyScope]")!.TextContent.Should().Contain("orders:write");
        page.QuerySelector("#new-key").Should().BeNull();
        (await db.ApiKeys.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Revoke_OtherAccountsKey_Is404AndTheKeyStaysValid()
    {
        var acme = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var created = await PortalClient.ParseAsync(await (await CreateAsync(acme, "/Admin/ApiKeys", "Acme tool", "reviews:read")).Content.ReadAsStringAsync());
        var prefix = created.QuerySelector("#new-key")!.GetAttribute("value")![..16];
        await using var db = portal.CreateContext();
        var id = await db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.Id).SingleAsync();
        var globex = await portal.SignInAsync(DemoUsers.OtherTenantAdmin);

        var response = await globex.PostFormAsync("/Admin/ApiKeys?handler=Revoke", new Dictionary<string, string> { ["id"] = $"{id}" }, "/Admin/ApiKeys");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id)).RevokedAt.Should().BeNull();
        (await globex.GetPageAsync("/Admin/ApiKeys")).Document.QuerySelector($"#key-{prefix}").Should().BeNull();
    }

    [Fact]
    public async Task Revoke_OwnKey_MarksItRevokedAndAudits()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var created = await PortalClient.ParseAsync(await (await CreateAsync(admin, "/Admin/ApiKeys", "Old tool", "contacts:read")).Content.ReadAsStringAsync());
        var prefix = created.QuerySelector("#new-key")!.GetAttribute("value")![..16];
        await using var db = portal.CreateContext();
        var id = await db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.Id).SingleAsync();

        var response = await admin.PostFormAsync("/Admin/ApiKeys?handler=Revoke", new Dictionary<string, string> { ["id"] = $"{id}" }, "/Admin/ApiKeys");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id)).RevokedAt.Should().NotBeNull();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ApiKeyRevoked && a.ObjectId == prefix && a.Actor == DemoUsers.AccountAdmin)).Should().BeTrue();
        (await admin.GetPageAsync("/Admin/ApiKeys")).Document.QuerySelector($"#key-{prefix}")!.TextContent.Should().Contain("revoked");
    }

    [Fact]
    public async Task Get_RepresentativeWithoutUserPermissions_Is403()
    {
        var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (response, _) = await rep.GetPageAsync("/Admin/ApiKeys");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_Support_MakesAPlatformKey_AndAccountAdminCannotOpenTheSupportPage()
    {
        var support = await portal.SignInAsync(DemoUsers.Support);

        var response = await CreateAsync(support, "/Support/ApiKeys", "Order system", "catalog:write", "orders:write");

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        var key = page.QuerySelector("#new-key")!.GetAttribute("value")!;
        await using var db = portal.CreateContext();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == key.Substring(0, 16));
        stored.Kind.Should().Be(ApiKeyKind.Platform);
        stored.SellerAccountId.Should().BeNull();
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        (await admin.Http.GetAsync("/Support/ApiKeys")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }
}
