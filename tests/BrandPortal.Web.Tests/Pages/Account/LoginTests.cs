using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Account;

public sealed class LoginTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData(DemoUsers.RepTwoBrands, "/Brands")]
    [InlineData(DemoUsers.Customer, "/YourAccount/MessageCenter")]
    [InlineData(DemoUsers.Support, "/Support/Cases")]
    public async Task SignIn_DemoUser_GoesToTheirStartPage(string email, string home)
    {
        var client = portal.Factory.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = DemoUsers.Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be(home);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndStaysSignedOut()
    {
        var client = portal.Factory.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = DemoUsers.Viewer, ["Password"] = "wrong-password-123" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("The email or password is not right.");
        (await client.Http.GetAsync("/Brands")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_AndSignInFailure_AreAudited()
    {
        var client = portal.Factory.NewClient();
        await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = DemoUsers.RepOneBrand, ["Password"] = "nope-nope-nope" });
        await client.SignInAsync(DemoUsers.RepOneBrand, DemoUsers.Password);
        await using var db = portal.CreateContext();
        db.AuditEntries.Where(a => a.Actor == DemoUsers.RepOneBrand).Select(a => a.Action).ToList()
            .Should().Contain(["SignInFailed", "SignIn"]);
    }

    [Fact]
    public async Task BrandPage_SignedOut_RedirectsToSignIn()
    {
        var response = await portal.Factory.NewClient().Http.GetAsync("/Brands");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task BrandPage_AsCustomer_IsRefused()
    {
        var client = await portal.SignInAsync(DemoUsers.Customer);
        var response = await client.Http.GetAsync("/Brands");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/Account/AccessDenied");
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        var client = await portal.SignInAsync(DemoUsers.Viewer);
        var response = await client.Http.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignOut_FromTheLayoutOfAnyPage_Works()
    {
        var client = await portal.SignInAsync(DemoUsers.Viewer);
        var (_, doc) = await client.GetPageAsync("/Brands");
        var form = doc.QuerySelector("header form[method=post]")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        token.Should().NotBeNull("the sign-out form in the layout carries its antiforgery token");
        var response = await client.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token! }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.Http.GetAsync("/Brands")).Headers.Location!.ToString().Should().Contain("/Account/Login");
    }
}
