using System.Net;
using BrandPortal.Core.Alerts.Conditions;
using BrandPortal.Core.Webhooks;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BrandPortal.Web.Tests.Webhooks;

/// <summary>The webhook portal with the condition check left to the test (its own runs are an hour apart).</summary>
public sealed class ConditionAlertPortal : WebhookPortal
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Alerts:ConditionCheckInterval"] = "01:00:00",
    };
}

/// <summary>End to end: a condition met in the running portal reaches the user by SMTP and the account's receiver, once.</summary>
public sealed class ConditionAlertDeliveryTests(ConditionAlertPortal portal) : IClassFixture<ConditionAlertPortal>
{
    private const string Subject = "A customer of Acme is waiting for your answer";

    private async Task<int> RunAsync()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConditionAlertService>().RunAsync();
    }

    [Fact]
    public async Task ResponseDue_OneEmailBySmtpAndOneWebhookEvent_ASecondRunSendsNothing()
    {
        using (var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands))
            (await rep.PostFormAsync("/Brands/Alerts?handler=Conditions", [new("ConditionRules", "ResponseDue")], "/Brands/Alerts"))
                .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await portal.SubscribeAsync("due", [WebhookEventTypes.AlertResponseDue], "S1");
        await portal.SubscribeAsync("due-globex", [WebhookEventTypes.AlertResponseDue], "S3"); // Acme's other account
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        await using (var db = portal.CreateContext())
            await db.Threads.Where(t => t.Id == threadId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ResponseNeededSince, DateTimeOffset.UtcNow.AddHours(-20).AddMinutes(-1)));

        (await RunAsync()).Should().BeGreaterThanOrEqualTo(1);

        var received = (await portal.Receiver.WaitForAsync("due", 1, TimeSpan.FromSeconds(10))).Should().ContainSingle().Subject;
        received.SignatureValid.Should().BeTrue();
        received.Type.Should().Be(WebhookEventTypes.AlertResponseDue);
        (received.Data.GetProperty("contact").GetString(), received.Data.GetProperty("seller").GetString()).Should().Be(("R0331", "S1"));
        var mail = await WaitForMailAsync(DemoUsers.RepTwoBrands);
        mail.TextBody.Should().Contain($"/Brands/Messages/{threadId}");

        (await RunAsync()).Should().Be(0, "the occurrence had its alert");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // what a second run queued would have been delivered by now
        portal.Smtp.Messages.Count(m => (m.Message.Subject ?? "").StartsWith(Subject, StringComparison.Ordinal)).Should().Be(1);
        portal.Receiver.At("due").Should().ContainSingle();
        portal.Receiver.At("due-globex").Should().BeEmpty("the conversation is Acme Trading's, not Globex Retail's");
    }

    private async Task<MimeKit.MimeMessage> WaitForMailAsync(string to)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (portal.Smtp.Messages.FirstOrDefault(m => m.Recipients.Contains(to) && (m.Message.Subject ?? "").StartsWith(Subject, StringComparison.Ordinal))
                is { } found)
                return found.Message;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No condition alert to {to} arrived.");
    }
}
