using System.Net;
using System.Text.RegularExpressions;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages.Admin;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Account;

public sealed partial class InvitationTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Invite_QueuesEmailWithOneTimeLink_StoresOnlyTheTokenHash_AndIsAudited()
    {
        var (email, token) = await InviteAsync();
        await using var db = portal.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        user.PasswordHash.Should().BeNull();
        user.SellerAccountId.Should().Be((await portal.AccessAsync(DemoUsers.AccountAdmin)).SellerAccountId);
        var invitation = await db.UserInvitations.SingleAsync(i => i.UserId == user.Id);
        invitation.TokenHash.Should().Be(InvitationService.Hash(token)).And.NotContain(token);
        invitation.ExpiresAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(72), TimeSpan.FromMinutes(1));
        var mail = await db.OutboxEmails.SingleAsync(o => o.ToAddress == email);
        mail.Kind.Should().Be(EmailKind.Invitation);
        mail.Subject.Should().Be("You are invited to Acme Trading on BrandPortal");
        mail.TextBody.Should().Contain($"http://127.0.0.1:5080/Account/Invitation?token={token}");
        mail.HtmlBody.Should().Contain($"/Account/Invitation?token={token}");
        (await db.AuditEntries.AnyAsync(a => a.Action == "UserInvited" && a.ObjectId == email && a.Actor == DemoUsers.AccountAdmin)).Should().BeTrue();
    }

    [Fact]
    public async Task Invitation_SetPassword_SignsIn_ThenTheLinkIsRefused()
    {
        var (email, token) = await InviteAsync();
        var client = portal.Factory.NewClient();
        var (response, page) = await client.GetPageAsync($"/Account/Invitation?token={token}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Referrer-Policy").Should().Contain("no-referrer");
        page.QuerySelector("#email")!.GetAttribute("value").Should().Be(email);

        var tooShort = await Accept(client, token, "short-pass", "short-pass");
        (await tooShort.Content.ReadAsStringAsync()).Should().Contain("at least 12 characters");
        var mismatch = await Accept(client, token, "a-long-password-1", "a-long-password-2");
        (await mismatch.Content.ReadAsStringAsync()).Should().Contain("not the same");

        var accepted = await Accept(client, token, "a-long-password-1", "a-long-password-1");
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        accepted.Headers.Location!.ToString().Should().Be("/Brands");
        (await client.GetPageAsync("/Brands")).Document.QuerySelector(".who")!.TextContent.Should().Contain(email);

        var again = await portal.Factory.NewClient().GetPageAsync($"/Account/Invitation?token={token}");
        again.Document.QuerySelector("#refusal")!.TextContent.Should().Be(InvitationService.Used);
        var reuse = await Accept(portal.Factory.NewClient(), token, "another-password-9", "another-password-9");
        (await reuse.Content.ReadAsStringAsync()).Should().Contain("already been used");
        (await portal.Factory.SignInAsync(email, "a-long-password-1")).Should().NotBeNull("the first password stays");
    }

    [Fact]
    public async Task Invitation_Expired_IsRefusedWithMessage()
    {
        var (email, token) = await InviteAsync();
        await using (var db = portal.CreateContext())
            await db.UserInvitations.Where(i => i.TokenHash == InvitationService.Hash(token))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        var client = portal.Factory.NewClient();
        (await client.GetPageAsync($"/Account/Invitation?token={token}")).Document.QuerySelector("#refusal")!.TextContent.Should().Contain("expired");
        var response = await Accept(client, token, "a-long-password-1", "a-long-password-1");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var check = portal.CreateContext();
        (await check.Users.SingleAsync(u => u.Email == email)).PasswordHash.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task Invitation_UnknownToken_IsRefused(string token)
    {
        var page = await portal.Factory.NewClient().GetPageAsync($"/Account/Invitation?token={token}");
        page.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Document.QuerySelector("#refusal")!.TextContent.Should().Be(InvitationService.Unknown);
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData(DemoUsers.Viewer)]
    [InlineData("")]
    public async Task Invite_BadOrExistingEmail_SaysWhyAndCreatesNothing(string email)
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        await using var db = portal.CreateContext();
        var users = await db.Users.CountAsync();
        var response = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = email }, "/Admin/Users");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("#invite-error").Should().NotBeNull();
        (await db.Users.CountAsync()).Should().Be(users);
    }

    [Fact]
    public async Task Invite_AgainWhilePending_SendsFreshLinkAndRetiresTheOldOne()
    {
        var (email, first) = await InviteAsync();
        var (_, second) = await InviteAsync(email);
        second.Should().NotBe(first);
        (await portal.Factory.NewClient().GetPageAsync($"/Account/Invitation?token={first}")).Document.QuerySelector("#refusal")!
            .TextContent.Should().Contain("expired");
        (await Accept(portal.Factory.NewClient(), second, "a-long-password-1", "a-long-password-1")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var third = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = email }, "/Admin/Users");
        (await third.Content.ReadAsStringAsync()).Should().Contain("already has a BrandPortal user");
    }

    private async Task<(string Email, string Token)> InviteAsync(string? existing = null)
    {
        var email = existing ?? $"new-{Guid.NewGuid():N}"[..16] + "@acme.test";
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var response = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = email }, "/Admin/Users");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/Admin/Users")).Document.QuerySelector(".alert-ok")!.TextContent.Should().Contain($"Invitation sent to {email}");
        await using var db = portal.CreateContext();
        var text = await db.OutboxEmails.Where(o => o.ToAddress == email).OrderByDescending(o => o.Id).Select(o => o.TextBody).FirstAsync();
        return (email, TokenInLink().Match(text).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> Accept(PortalClient client, string token, string password, string confirmation)
        => client.PostFormAsync("/Account/Invitation", new Dictionary<string, string>
        {
            ["Token"] = token, ["Password"] = password, ["Confirmation"] = confirmation,
        }, "/Account/Login");

    [GeneratedRegex(@"/Account/Invitation\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenInLink();
}
