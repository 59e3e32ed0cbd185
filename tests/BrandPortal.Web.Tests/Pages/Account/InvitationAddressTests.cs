using System.Net;
using System.Text.RegularExpressions;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Account;

/// <summary>Invitations take an address only in its one canonical form, and the first password meets the password policy.</summary>
public sealed partial class InvitationAddressTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData("rep@globex.test.", "must not end with a dot")]
    [InlineData("a@b", "must be a full domain")]
    [InlineData("new\u200Buser@acme.test", "invisible")]
    [InlineData("new\u202Euser@acme.test", "invisible")]
    [InlineData("new user@acme.test", "spaces")]
    [InlineData("n\u0435w@acme.test", "plain letters")]
    public async Task Invite_MalformedOrLookalikeAddress_IsRefusedWithReason_AndCreatesNothing(string email, string reason)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        await using var db = portal.CreateContext();
        var users = await db.Users.CountAsync();
        var response = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = email }, "/Admin/Users");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#invite-error")!.TextContent.Should().Contain(reason);
        (await db.Users.CountAsync()).Should().Be(users);
    }

    [Theory]
    [InlineData("ｖｉｅｗｅｒ@acme.test")]
    [InlineData("VIEWER@ACME.TEST")]
    [InlineData("  viewer@acme.test ")]
    public async Task Invite_SpellingOfAnExistingUserOfThisAccount_CollidesWithThem(string email)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        await using var db = portal.CreateContext();
        var users = await db.Users.CountAsync();
        var response = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = email }, "/Admin/Users");
        (await response.Content.ReadAsStringAsync()).Should().Contain($"{DemoUsers.Viewer} already has a BrandPortal user");
        (await db.Users.CountAsync()).Should().Be(users);
    }

    [Fact]
    public async Task Invite_FullWidthSpellingOfAnotherAccountsUser_CreatesNoSecondUser()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var response = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = "ｒｅｐ@globex.test" }, "/Admin/Users");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = portal.CreateContext();
        (await db.Users.CountAsync(u => u.NormalizedEmail == "REP@GLOBEX.TEST" || u.Email!.Contains("ｒｅｐ"))).Should().Be(1);
        (await db.OutboxEmails.AnyAsync(o => o.Kind == Core.Data.Entities.EmailKind.Invitation && (o.ToAddress == DemoUsers.OtherTenantRep || o.ToAddress.Contains("ｒｅｐ"))))
            .Should().BeFalse();
    }

    [Fact]
    public async Task Invite_InternationalDomainAndCapitals_StoresLowerCaseAndPunycode()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var local = $"Idn-{Guid.NewGuid():N}"[..12];
        var response = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = $"{local}@Bücher.test" }, "/Admin/Users");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = portal.CreateContext();
        var expected = $"{local.ToLowerInvariant()}@xn--bcher-kva.test";
        (await db.Users.SingleAsync(u => u.NormalizedEmail == expected.ToUpperInvariant())).Email.Should().Be(expected);
        (await db.OutboxEmails.AnyAsync(o => o.ToAddress == expected)).Should().BeTrue();
    }

    [Theory]
    [InlineData("{local}@acme.test-2026")]
    [InlineData("my-{local}-password")]
    [InlineData("Brand-Portal-Welcome")]
    [InlineData("welcome-to-brandportal")]
    public async Task Invitation_PasswordWithContextWords_IsRefused_AndLinkStaysUsable(string pattern)
    {
        var local = $"pw{Guid.NewGuid():N}"[..10];
        var email = $"{local}@acme.test";
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        (await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = email }, "/Admin/Users"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = portal.CreateContext();
        var text = await db.OutboxEmails.Where(o => o.ToAddress == email).Select(o => o.TextBody).FirstAsync();
        var token = TokenInLink().Match(text).Groups[1].Value;

        var client = portal.Factory.NewClient();
        var password = pattern.Replace("{local}", local);
        var refused = await Accept(client, token, password);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("must not contain");
        (await db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()).Should().BeNull();

        (await Accept(client, token, "lantern-orbit-pepper-42")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private static Task<HttpResponseMessage> Accept(PortalClient client, string token, string password)
        => client.PostFormAsync("/Account/Invitation", new Dictionary<string, string>
        {
            ["Token"] = token, ["Password"] = password, ["Confirmation"] = password,
        }, "/Account/Login");

    [GeneratedRegex(@"/Account/Invitation\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenInLink();
}
