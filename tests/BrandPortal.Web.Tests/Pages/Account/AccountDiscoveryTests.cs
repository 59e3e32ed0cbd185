using System.Diagnostics;
using System.Net;
using BrandPortal.Core.Access;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages.Admin;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Pages.Account;

/// <summary>Neither the sign-in form nor the invitation form tells an outsider or another account's admin who has a user.</summary>
public sealed class AccountDiscoveryTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task SignIn_UnknownEmail_TakesAsLongAsAKnownOne()
    {
        var client = portal.Factory.NewClient();
        // One warm-up each: the first unknown sign-in also computes the dummy hash.
        await TimedSignInAsync(client, "nobody-here@acme.test");
        await TimedSignInAsync(client, DemoUsers.Support);
        var unknown = new List<double>();
        var known = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            unknown.Add(await TimedSignInAsync(client, $"nobody-{i}@acme.test"));
            known.Add(await TimedSignInAsync(client, DemoUsers.Support));
        }
        var (u, k) = (Median(unknown), Median(known));
        output.WriteLine($"median sign-in: unknown email {u:F1} ms, known email {k:F1} ms, ratio {u / k:F2}");
        u.Should().BeGreaterThanOrEqualTo(0.5 * k, "an unknown email must cost a password hash as well");
    }

    [Fact]
    public async Task SignIn_UnknownOrMalformedEmail_WrongPassword_AndLockedAccount_AllGetTheSameMessage()
    {
        var client = portal.Factory.NewClient();
        var unknown = await ErrorAsync(client, "nobody-at-all@acme.test", "some-password-123");
        var wrong = await ErrorAsync(client, DemoUsers.Viewer, "some-password-123");
        for (var i = 0; i < 5; i++) await ErrorAsync(client, DemoUsers.OtherTenantRep, $"some-password-{i}");
        var locked = await ErrorAsync(client, DemoUsers.OtherTenantRep, DemoUsers.Password);
        var malformed = await ErrorAsync(client, "nobody@acme", "some-password-123");

        unknown.Should().Be(SignInService.Refused);
        wrong.Should().Be(unknown);
        locked.Should().Be(unknown, "a locked account must not answer differently from an address without a user");
        malformed.Should().Be(unknown);
    }

    [Fact]
    public async Task SignIn_FullWidthSpellingOfTheEmail_FindsTheSameUser()
    {
        var client = portal.Factory.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = "ｊａｎｅ@example.test", ["Password"] = DemoUsers.Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/YourAccount/MessageCenter");
    }

    [Fact]
    public async Task Invite_UserOfAnotherAccount_AnswersLikeAnyInvitation_AndCreatesNothing()
    {
        var admin = await portal.SignInAsync(DemoUsers.AccountAdmin);
        await using var db = portal.CreateContext();
        var users = await db.Users.CountAsync();

        var fresh = $"fresh-{Guid.NewGuid():N}"[..14] + "@acme.test";
        var forFresh = await InviteAsync(admin, fresh);
        var forOther = await InviteAsync(admin, DemoUsers.OtherTenantRep);
        var forCustomer = await InviteAsync(admin, DemoUsers.Customer);

        forOther.Should().Be(forFresh.Replace(fresh, DemoUsers.OtherTenantRep));
        forCustomer.Should().Be(forFresh.Replace(fresh, DemoUsers.Customer));
        (await db.Users.CountAsync()).Should().Be(users + 1, "only the fresh address became a user");
        (await db.Users.Where(u => u.Email == DemoUsers.OtherTenantRep).Select(u => u.SellerAccountId).SingleAsync())
            .Should().Be((await portal.AccessAsync(DemoUsers.OtherTenantAdmin)).SellerAccountId);
        (await db.OutboxEmails.AnyAsync(o => o.ToAddress == DemoUsers.OtherTenantRep && o.Kind == Core.Data.Entities.EmailKind.Invitation)).Should().BeFalse();
        var acme = (await portal.AccessAsync(DemoUsers.AccountAdmin)).SellerAccountId;
        (await db.AuditEntries.AnyAsync(a => a.ObjectId == DemoUsers.OtherTenantRep && a.SellerAccountId == acme))
            .Should().BeFalse("this account's audit log must not show that the address was not invitable");
    }

    private async Task<string> InviteAsync(PortalClient admin, string email)
    {
        var response = await admin.PostFormAsync("/Admin/Users?handler=Invite", new Dictionary<string, string> { ["InviteEmail"] = email }, "/Admin/Users");
        var (_, page) = await admin.GetPageAsync("/Admin/Users");
        return $"{(int)response.StatusCode} {response.Headers.Location} {page.QuerySelector(".alert-ok")?.TextContent.Trim()}{page.QuerySelector("#invite-error")?.TextContent.Trim()}";
    }

    private static async Task<string> ErrorAsync(PortalClient client, string email, string password)
    {
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        return page.QuerySelector(".alert-error")!.TextContent.Trim();
    }

    private static async Task<double> TimedSignInAsync(PortalClient client, string email)
    {
        var token = await client.AntiforgeryTokenAsync("/Account/Login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = "not-the-password-1", ["__RequestVerificationToken"] = token,
        });
        var watch = Stopwatch.StartNew();
        var response = await client.Http.PostAsync("/Account/Login", form);
        watch.Stop();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
