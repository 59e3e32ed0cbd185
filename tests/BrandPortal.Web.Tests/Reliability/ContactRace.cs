using System.Net;
using BrandPortal.Core.Data;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>Many Contact Customer POSTs for one review at the same moment, from several signed-in clients.</summary>
public static class ContactRace
{
    public static async Task<long> ReviewIdAsync(string connectionString, string externalId)
    {
        await using var db = DbContextOptionsSetup.Create(connectionString);
        return await db.Reviews.Where(r => r.ExternalId == externalId).Select(r => r.Id).SingleAsync();
    }

    /// <summary>Signs in on each portal, takes a form token per client, then releases all POSTs together.</summary>
    public static async Task<IReadOnlyList<HttpStatusCode>> RunAsync(IReadOnlyList<PortalFactory> portals, long reviewId, int posts, int clientsPerPortal = 5)
    {
        var url = $"/Brands/Reviews/{reviewId}/Contact";
        var clients = new List<(PortalClient Client, string Token)>();
        foreach (var portal in portals)
        {
            for (var i = 0; i < clientsPerPortal; i++)
            {
                var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
                clients.Add((client, await client.AntiforgeryTokenAsync(url)));
            }
        }
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, posts).Select(async i =>
        {
            var (client, token) = clients[i % clients.Count];
            await start.Task;
            var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Reason"] = i % 2 == 0 ? "CourtesyRefund" : "CustomerSupport", ["__RequestVerificationToken"] = token,
            }));
            return response.StatusCode;
        }).ToList();
        start.SetResult();
        var statuses = await Task.WhenAll(tasks);
        foreach (var (client, _) in clients) client.Dispose();
        return statuses;
    }

    /// <summary>Exactly one contact, one outbox row and one delivered email for the review; returns the email's Message-Id.</summary>
    public static async Task<string> AssertContactedOnceAsync(string connectionString, SmtpCapture smtp, long reviewId)
    {
        await using var db = DbContextOptionsSetup.Create(connectionString);
        var contacts = await db.Contacts.Where(c => c.ReviewId == reviewId).Select(c => c.Id).ToListAsync();
        contacts.Should().ContainSingle("the unique index on the review settles the race");
        var contactId = contacts[0];
        (await db.OutboxEmails.CountAsync(o => o.ContactId == contactId)).Should().Be(1);
        var review = reviewId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await db.AuditEntries.CountAsync(a => a.ObjectType == "Review" && a.ObjectId == review && a.Action == Core.Audit.AuditActions.ContactSent))
            .Should().Be(1, "one audit entry for the one contact");
        var messageId = $"contact-{contactId}@brandportal";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!smtp.Messages.Any(m => m.Message.MessageId == messageId) && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(500); // time for a second copy, if one were on its way
        smtp.Messages.Count(m => m.Message.MessageId == messageId).Should().Be(1, "the customer gets one email");
        return messageId;
    }
}
