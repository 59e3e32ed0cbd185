using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Web.Tests.Pages;

/// <summary>The steps of the contact journey that several page tests start from, over real HTTP.</summary>
public static class ContactSteps
{
    public static async Task<long> ReviewIdAsync(DemoPortal portal, string externalId)
    {
        await using var db = portal.CreateContext();
        return await db.Reviews.Where(r => r.ExternalId == externalId).Select(r => r.Id).SingleAsync();
    }

    /// <summary>Contacts the customer of the review as the representative, unless someone already did; returns the contact id.</summary>
    public static async Task<long> ContactAsync(DemoPortal portal, string reviewExternalId, ContactReason reason, string rep = DemoUsers.RepTwoBrands)
    {
        var reviewId = await ReviewIdAsync(portal, reviewExternalId);
        if (await ContactIdAsync(portal, reviewId) is { } existing) return existing;
        using var client = await portal.SignInAsync(rep);
        var url = $"/Brands/Reviews/{reviewId}/Contact";
        var response = await client.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = reason.ToString() });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return (await ContactIdAsync(portal, reviewId))!.Value;
    }

    public static async Task<long?> ContactIdAsync(DemoPortal portal, long reviewId)
    {
        await using var db = portal.CreateContext();
        return await db.Contacts.Where(c => c.ReviewId == reviewId).Select(c => (long?)c.Id).FirstOrDefaultAsync();
    }

    /// <summary>Contacts for Customer Support and has the customer reply once; returns the thread id.</summary>
    public static async Task<long> ThreadAsync(DemoPortal portal, string reviewExternalId, string reply = "The lid still leaks after a week.")
    {
        var contactId = await ContactAsync(portal, reviewExternalId, ContactReason.CustomerSupport);
        await using (var db = portal.CreateContext())
            if (await db.Threads.Where(t => t.ContactId == contactId).Select(t => (long?)t.Id).FirstOrDefaultAsync() is { } existing) return existing;
        using var customer = await portal.SignInAsync(DemoUsers.Customer);
        var url = $"/YourAccount/MessageCenter/{contactId}";
        var response = await customer.PostFormAsync($"{url}?handler=Reply", new Dictionary<string, string> { ["Reply"] = reply }, url);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        await using var after = portal.CreateContext();
        return await after.Threads.Where(t => t.ContactId == contactId).Select(t => t.Id).SingleAsync();
    }

    /// <summary>Waits until the outbox row of the contact satisfies the condition (the dispatcher runs in the portal).</summary>
    public static async Task<OutboxEmail> WaitForOutboxAsync(DemoPortal portal, Func<OutboxEmail, bool> condition, long contactId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            await using var db = portal.CreateContext();
            var row = await db.OutboxEmails.AsNoTracking().Where(o => o.ContactId == contactId).OrderBy(o => o.Id).FirstOrDefaultAsync();
            if (row is not null && condition(row)) return row;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Outbox row of contact {contactId} did not reach the expected state: {row?.State} attempts {row?.Attempts} error {row?.LastError}");
            await Task.Delay(50);
        }
    }
}
