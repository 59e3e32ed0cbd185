using System.Diagnostics;
using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using BrandPortal.Web.Hosting;
using BrandPortal.Web.Tests.Pages;
using FluentAssertions;
using Serilog.Events;
using Serilog.Formatting.Display;
using Xunit;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Hosting;

/// <summary>
/// /metrics over the real portal: BrandPortal's counters move with what users do, the endpoint answers only an allowed
/// address or the token, and log lines carry their request's trace. Counters are cumulative for the host's life, so
/// every check is a difference between two scrapes.
/// </summary>
public sealed class MetricsTests(MetricsPortal portal, ITestOutputHelper output) : IClassFixture<MetricsPortal>
{
    private const string Contacts = "brandportal_contacts_sent_total";
    private const string EmailsSent = "brandportal_emails_sent_total";
    private const string SignInsFailed = "brandportal_signins_failed_total";

    [Fact]
    public async Task Metrics_ContactThroughThePageAndItsEmailSent_CountsTheContactByReasonAndTheEmail()
    {
        var reviewId = await ContactSteps.ReviewIdAsync(portal, "R0063");
        (await ContactSteps.ContactIdAsync(portal, reviewId)).Should().BeNull("the test contacts the customer itself");
        var before = await portal.ScrapeFromLoopbackAsync();

        var contactId = await ContactSteps.ContactAsync(portal, "R0063", ContactReason.CourtesyRefund);
        await ContactSteps.WaitForOutboxAsync(portal, o => o.State == EmailState.Sent, contactId);
        var after = await portal.ScrapeUntilAsync(s => s.Value(EmailsSent, "kind=\"ContactCourtesyRefund\"") > before.Value(EmailsSent, "kind=\"ContactCourtesyRefund\"")
                                                       && s.Value(Contacts) > before.Value(Contacts));

        output.WriteLine(after.Text);
        (after.Value(Contacts, "reason=\"CourtesyRefund\"") - before.Value(Contacts, "reason=\"CourtesyRefund\"")).Should().Be(1);
        (after.Value(Contacts, "reason=\"CustomerSupport\"") - before.Value(Contacts, "reason=\"CustomerSupport\"")).Should().Be(0);
        (after.Value(EmailsSent, "kind=\"ContactCourtesyRefund\"") - before.Value(EmailsSent, "kind=\"ContactCourtesyRefund\"")).Should().BeGreaterThanOrEqualTo(1);
        after.Has("brandportal_outbox_queued").Should().BeTrue("the queue gauges are scraped too");
        after.Has("brandportal_outbox_oldest_age_seconds").Should().BeTrue();
        after.Has("brandportal_webhooks_pending").Should().BeTrue();
        after.Text.Should().NotContain("@", "no email address is ever a tag");
    }

    [Fact]
    public async Task Metrics_RefusedSignIn_CountsIt_WithoutTheEmailTried()
    {
        var before = await portal.ScrapeFromLoopbackAsync();
        var client = portal.Factory.NewClient();
        await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = DemoUsers.Viewer, ["Password"] = "wrong-password-123" });

        var after = await portal.ScrapeUntilAsync(s => s.Value(SignInsFailed) > before.Value(SignInsFailed));

        (after.Value(SignInsFailed, "outcome=\"refused\"") - before.Value(SignInsFailed, "outcome=\"refused\"")).Should().Be(1);
        after.Text.Should().NotContain(DemoUsers.Viewer);
    }

    [Fact]
    public async Task Metrics_RefundAcceptedInMessageCenter_CountsIt()
    {
        const string refunds = "brandportal_refunds_accepted_total";
        var contactId = await ContactSteps.ContactAsync(portal, "R0281", ContactReason.CourtesyRefund);
        var before = await portal.ScrapeFromLoopbackAsync();
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        var url = $"/YourAccount/MessageCenter/{contactId}";

        (await jane.PostFormAsync($"{url}?handler=Accept", new Dictionary<string, string>(), url)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await portal.ScrapeUntilAsync(s => s.Value(refunds) > before.Value(refunds));
        (after.Value(refunds) - before.Value(refunds)).Should().Be(1);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Metrics_FromLoopback_Is200WithPrometheusText(string address)
    {
        var response = await portal.ScrapeAsync(address);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE ");
    }

    [Theory]
    [InlineData("203.0.113.9", null)]
    [InlineData("10.1.2.3", null)]
    [InlineData("203.0.113.9", "Bearer not-the-token-at-all-0000000000")]
    [InlineData("203.0.113.9", "Basic " + MetricsPortal.Token)]
    [InlineData(null, null)]
    public async Task Metrics_FromAnAddressNotAllowed_WithoutTheToken_Is404(string? address, string? authorization)
    {
        var response = await portal.ScrapeAsync(address, authorization);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("brandportal_");
    }

    [Fact]
    public async Task Metrics_FromAnAddressNotAllowed_WithTheToken_Is200()
    {
        var response = await portal.ScrapeAsync("203.0.113.9", "Bearer " + MetricsPortal.Token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("brandportal_");
    }

    [Fact]
    public async Task Metrics_LoopbackRelayedByAProxy_Is404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(MetricsPortal.ClientAddressHeader, "127.0.0.1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await portal.Factory.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metrics_SignedInSupportUserFromElsewhere_Is404()
    {
        using var support = await portal.SignInAsync(DemoUsers.Support);

        var response = await portal.ScrapeAsync("203.0.113.9", client: support.Http);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, "the portal's sign-in is no key to the metrics");
    }

    [Fact]
    public void Otlp_EndpointNotSet_NoTracerIsBuilt()
        => portal.Factory.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)).Should().BeNull("spans are made only for a collector");

    [Fact]
    public void Otlp_EndpointNotSet_RequestActivitiesAreStillAskedFor()
        => portal.Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RequestActivities>()
            .Should().ContainSingle("without a collector, log lines still need the request's activity for their trace id");

    [Fact]
    public async Task Log_RequestLine_CarriesTheRequestsTraceId_AndTheConsoleLineShowsIt()
    {
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        (await portal.Factory.CreateClient().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        var line = await RequestLineAsync("/Account/Login", trace);
        line.TraceId!.Value.ToHexString().Should().Be(trace);
        line.SpanId.Should().NotBeNull();
        var console = new StringWriter();
        new MessageTemplateTextFormatter(LoggingSetup.ConsoleTemplate).Format(line, console);
        console.ToString().Should().Contain($"\"TraceId\":\"{trace}\"").And.Contain($"\"SpanId\":\"{line.SpanId!.Value.ToHexString()}\"");
    }

    /// <summary>The request log line is written as the response completes, a moment after the client has it.</summary>
    private async Task<LogEvent> RequestLineAsync(string path, string trace)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = portal.Log.Events.FirstOrDefault(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == $"\"{path}\""
                                                             && e.TraceId?.ToHexString() == trace);
            if (line is not null) return line;
            await Task.Delay(50);
        }
        var lines = portal.Log.Events.Where(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == $"\"{path}\"")
            .Select(e => $"{e.TraceId?.ToHexString() ?? "no trace"}/{e.SpanId?.ToHexString() ?? "no span"}");
        throw new Xunit.Sdk.XunitException($"No request log line for {path} in trace {trace}; its lines: {string.Join(", ", lines)}");
    }
}
