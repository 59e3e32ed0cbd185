using System.Net;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>Two portal instances on one database behave as one portal behind a load balancer.</summary>
public sealed class TwoInstancesTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    private const int Emails = 200;

    [Fact]
    public async Task Outbox_TwoDispatchersOnOneDatabase_ShareTheQueueAndSendNothingTwice()
    {
        // One mail server per instance, so the test sees which instance sent what.
        await using var smtpA = await SmtpCapture.StartAsync();
        await using var smtpB = await SmtpCapture.StartAsync();
        smtpA.Delay = smtpB.Delay = TimeSpan.FromMilliseconds(5); // slow enough that both hold batches at once
        var settings = new Dictionary<string, string?> { ["Outbox:PollInterval"] = "00:00:00.100", ["Outbox:BatchSize"] = "10" };
        await Burst.QueueAsync(portal.ConnectionString, "shared", Emails);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var first = new PortalFactory(portal.ConnectionString, smtpA, settings: settings);
        await using var second = new PortalFactory(portal.ConnectionString, smtpB, settings: settings);
        _ = first.Services;
        _ = second.Services;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (Ids().Distinct().Count() < Emails && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(500); // a second copy, were one on its way, would arrive now
        var ids = Ids();
        var (a, b) = (Burst.Count(smtpA, "shared"), Burst.Count(smtpB, "shared"));
        output.WriteLine($"Two dispatchers: {Emails} queued; instance A sent {a.Received}, instance B {b.Received}; " +
                         $"{ids.Distinct().Count()} distinct of {ids.Count} in {clock.Elapsed.TotalSeconds:F1} s");

        ids.Distinct().Should().HaveCount(Emails);
        ids.Should().HaveCount(Emails, "FOR UPDATE SKIP LOCKED gives each row to one dispatcher: nothing is sent twice");
        a.Received.Should().BeGreaterThan(0);
        b.Received.Should().BeGreaterThan(0, "both instances deliver");
        await using var db = portal.CreateContext();
        (await db.OutboxEmails.Where(o => o.MessageId.StartsWith("shared-")).SumAsync(o => o.Attempts)).Should().Be(Emails, "no row was claimed twice");

        List<string> Ids() => smtpA.Messages.Concat(smtpB.Messages).Select(m => m.Message.MessageId!)
            .Where(id => id?.StartsWith("shared-", StringComparison.Ordinal) == true).ToList();
    }

    [Fact]
    public async Task ContactCustomer_RacedAcrossTwoInstances_IsRecordedOnceWithOneEmail()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        await using var first = new PortalFactory(portal.ConnectionString, smtp);
        await using var second = new PortalFactory(portal.ConnectionString, smtp);
        var reviewId = await ContactRace.ReviewIdAsync(portal.ConnectionString, "R0289");

        var statuses = await ContactRace.RunAsync([first, second], reviewId, posts: 40, clientsPerPortal: 4);
        output.WriteLine("Contact raced across two instances: " + string.Join(", ", statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));

        statuses.Should().OnlyContain(s => s == HttpStatusCode.Redirect || s == HttpStatusCode.OK);
        statuses.Count(s => s == HttpStatusCode.Redirect).Should().Be(1);
        await ContactRace.AssertContactedOnceAsync(portal.ConnectionString, smtp, reviewId);
    }

    [Fact]
    public async Task SignIn_OnOneInstance_IsValidOnTheOther()
    {
        await using var first = new PortalFactory(portal.ConnectionString, portal.Smtp);
        await using var second = new PortalFactory(portal.ConnectionString, portal.Smtp);

        var a = first.NewClient();
        var token = await a.AntiforgeryTokenAsync("/Account/Login");
        var signIn = await a.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoUsers.RepTwoBrands, ["Password"] = DemoUsers.Password, ["__RequestVerificationToken"] = token,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bp.auth=")).Split(';')[0];

        var b = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Brands");
        request.Headers.Add("Cookie", authCookie);
        var response = await b.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the second instance reads the first one's cookie with the shared keys");
        (await response.Content.ReadAsStringAsync()).Should().Contain(DemoUsers.RepTwoBrands);

        // Shared through the database, not through this machine's file system: instances on other hosts agree too.
        await using var db = portal.CreateContext();
        db.DataProtectionKeys.Count().Should().BeGreaterThan(0);
        db.DataProtectionKeys.Select(k => k.Xml).ToList().Should().OnlyContain(xml => xml!.Contains("<key "));
    }

    [Fact]
    public async Task AntiforgeryToken_FromOneInstance_IsAcceptedByTheOther()
    {
        await using var first = new PortalFactory(portal.ConnectionString, portal.Smtp);
        await using var second = new PortalFactory(portal.ConnectionString, portal.Smtp);
        var a = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await a.GetAsync("/Account/Login");
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bp.af=")).Split(';')[0];
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var b = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = DemoUsers.Viewer, ["Password"] = DemoUsers.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", cookie);
        (await b.SendAsync(post)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
