using System.Net;
using BrandPortal.Core.Alerts;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands;

/// <summary>/Brands/Alerts and /Alerts/Unsubscribe over HTTP, with a digest delivered through the real outbox and SMTP.</summary>
public sealed class AlertsTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<AlertFrequency?> FrequencyAsync(string email)
    {
        await using var db = portal.CreateContext();
        return await db.AlertSubscriptions.Where(s => db.Users.Any(u => u.Id == s.UserId && u.Email == email))
            .Select(s => (AlertFrequency?)s.Frequency).FirstOrDefaultAsync();
    }

    [Fact]
    public async Task Dashboard_LinksToReviewAlerts()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, page) = await client.GetPageAsync("/Brands");
        page.QuerySelector("#alerts-link a")!.GetAttribute("href").Should().Be("/Brands/Alerts");
    }

    [Fact]
    public async Task Post_Frequency_IsSavedAuditedAndShown()
    {
        var client = await portal.SignInAsync(DemoUsers.RepOneBrand);
        var (response, page) = await client.GetPageAsync("/Brands/Alerts");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#frequency-off")!.HasAttribute("checked").Should().BeTrue("alerts are off until chosen");

        var post = await client.PostFormAsync("/Brands/Alerts", new Dictionary<string, string> { ["Frequency"] = "Weekly" });
        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await FrequencyAsync(DemoUsers.RepOneBrand)).Should().Be(AlertFrequency.Weekly);
        (_, page) = await client.GetPageAsync("/Brands/Alerts");
        page.QuerySelector("#frequency-weekly")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("#alerts-message")!.TextContent.Should().Contain("weekly");
        page.QuerySelector("#alert-brands")!.TextContent.Should().Be("Acme");
        await using var db = portal.CreateContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AlertsChanged && a.Actor == DemoUsers.RepOneBrand && a.After == "Weekly")).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Hourly")]
    [InlineData("1")]
    [InlineData("daily")]
    [InlineData("Daily, Weekly")]
    public async Task Post_BadFrequency_SaysWhyAndChangesNothing(string value)
    {
        var client = await portal.SignInAsync(DemoUsers.Viewer);
        var post = await client.PostFormAsync("/Brands/Alerts", new Dictionary<string, string> { ["Frequency"] = value });
        post.StatusCode.Should().Be(HttpStatusCode.OK);
        (await post.Content.ReadAsStringAsync()).Should().Contain("Choose how often to receive review alerts");
        (await FrequencyAsync(DemoUsers.Viewer)).Should().BeNull();
    }

    [Theory]
    [InlineData(DemoUsers.NoPermission)]
    [InlineData(DemoUsers.RegistryAdmin)]
    public async Task Page_WithoutCustomerReviews_SaysWhatIsMissingAndRefusesToSave(string email)
    {
        var client = await portal.SignInAsync(email);
        var (response, page) = await client.GetPageAsync("/Brands/Alerts");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        page.QuerySelector("#alerts-unavailable").Should().NotBeNull();
        page.QuerySelector("#alerts-form").Should().BeNull();
        await client.PostFormAsync("/Brands/Alerts", new Dictionary<string, string> { ["Frequency"] = "Daily" }, "/Account/Login");
        (await FrequencyAsync(email)).Should().BeNull();
    }

    [Fact]
    public async Task Digest_DeliveredByEmail_UnsubscribeLinkWorksWithoutSignIn_TamperedTokenRefused()
    {
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await client.PostFormAsync("/Brands/Alerts", new Dictionary<string, string> { ["Frequency"] = "Immediately" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var db = portal.CreateContext())
        {
            var template = await db.Reviews.AsNoTracking().FirstAsync(r => db.Brands.Any(b => b.Id == r.BrandId && b.Name == "Acme"));
            db.Reviews.Add(new Review
            {
                ExternalId = "alert-1", ProductId = template.ProductId, BrandId = template.BrandId, CustomerId = template.CustomerId, Rating = 1,
                Title = "Broke on day two", Body = "It stopped working.", CreatedAt = DateTimeOffset.UtcNow.AddSeconds(1),
            });
            await db.SaveChangesAsync();
        }
        await Task.Delay(1100); // the review is news only once its time has come
        using (var scope = portal.Factory.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<ReviewDigestService>().RunAsync()).Should().BeGreaterThanOrEqualTo(1);

        var mail = await WaitForMailAsync(DemoUsers.RepTwoBrands, "new critical review");
        mail.TextBody.Should().Contain("Broke on day two");
        var link = mail.TextBody.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Stop these emails", StringComparison.Ordinal));
        var path = new Uri(link[link.IndexOf("http", StringComparison.Ordinal)..]).PathAndQuery;
        path.Should().StartWith("/Alerts/Unsubscribe?token=");

        var anonymous = portal.Factory.NewClient();
        var tampered = path[..^3] + (path[^3] == 'x' ? "y" : "x") + path[^2..];
        var (badResponse, badPage) = await anonymous.GetPageAsync(tampered);
        badResponse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badPage.QuerySelector("#unsubscribe-invalid").Should().NotBeNull();
        var token = Uri.UnescapeDataString(path[(path.IndexOf('=') + 1)..]);
        (await anonymous.PostFormAsync("/Alerts/Unsubscribe", new Dictionary<string, string> { ["Token"] = token + "x" }, path)).StatusCode
            .Should().Be(HttpStatusCode.BadRequest);
        (await FrequencyAsync(DemoUsers.RepTwoBrands)).Should().Be(AlertFrequency.Immediately, "a tampered token changes nothing");

        var (response, page) = await anonymous.GetPageAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#unsubscribe-form").Should().NotBeNull();
        (await FrequencyAsync(DemoUsers.RepTwoBrands)).Should().Be(AlertFrequency.Immediately, "opening the link only asks");

        var done = await anonymous.PostFormAsync("/Alerts/Unsubscribe", new Dictionary<string, string> { ["Token"] = token }, path);
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        (await done.Content.ReadAsStringAsync()).Should().Contain("Review alerts are off");
        (await FrequencyAsync(DemoUsers.RepTwoBrands)).Should().Be(AlertFrequency.Off);
    }

    private async Task<MimeMessage> WaitForMailAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (portal.Smtp.Messages.FirstOrDefault(m => m.Recipients.Contains(to) && (m.Message.Subject ?? "").Contains(subject, StringComparison.Ordinal)) is { } found)
                return found.Message;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No email to {to} arrived.");
    }
}
