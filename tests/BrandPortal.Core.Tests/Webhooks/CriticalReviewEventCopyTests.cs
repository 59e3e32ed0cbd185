using System.Text.Json;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Import;
using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static BrandPortal.Core.Tests.Webhooks.WebhookEventTestKit;

namespace BrandPortal.Core.Tests.Webhooks;

/// <summary>
/// An import with many new critical reviews writes their <c>review.critical_created</c> events (and deliveries) by COPY;
/// one with a few adds them through the context. Both store the same rows, and the event data is the review as stored.
/// </summary>
public sealed class CriticalReviewEventCopyTests : DemoDatabaseTest
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Acme (B1) is associated with S1 and S3, Globex (B4) with S3 only; times with ticks below the microsecond PostgreSQL keeps.</summary>
    private static ReviewRecord Critical(int i) => new($"$.reviews[{i}]", $"R8{i:D3}", i % 2 == 0 ? "B000ACME01" : "B000GLBX01", "C1",
        i % 6 == 0 ? "111-0000286-0002002" : null, 1 + i % 3, $"Broke after {i} days", "It broke.",
        new DateTimeOffset(2026, 11, 20, 7, 30, 0, TimeSpan.Zero).AddTicks(1_234_567 + i), i % 6 == 0);

    [Fact]
    public async Task Import_ManyNewCriticalReviews_WritesByCopyTheEventsAndDeliveriesTheTrackedPathWrites()
    {
        long platform, s3Hook;
        await using (var arrange = Check())
        {
            var s3 = await arrange.SellerAccounts.Where(a => a.ExternalId == "S3").Select(a => a.Id).SingleAsync();
            var s2 = await arrange.SellerAccounts.Where(a => a.ExternalId == "S2").Select(a => a.Id).SingleAsync();
            platform = await SubscribeAsync(arrange, null, "https://pay.example.test/hooks", Secret, WebhookEventTypes.ReviewCriticalCreated);
            s3Hook = await SubscribeAsync(arrange, s3, "https://s3.example.test/hooks", Secret, WebhookEventTypes.ReviewCriticalCreated);
            await SubscribeAsync(arrange, s2, "https://s2.example.test/hooks", Secret, WebhookEventTypes.ReviewCriticalCreated);
        }
        var import = new ImportService(Db);
        (await import.ImportAsync(ImportFile.Empty with { Reviews = [Critical(0), Critical(1)] })).Succeeded.Should().BeTrue(); // tracked
        var many = Enumerable.Range(2, ReviewEvents.CopyFrom + 10).Select(Critical).ToList();
        (await import.ImportAsync(ImportFile.Empty with { Reviews = many })).Errors.Should().BeEmpty(); // COPY

        await using var check = Check();
        var stored = await check.Reviews.AsNoTracking().Where(r => r.ExternalId.StartsWith("R8")).OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.ExternalId, r.Rating, r.Title, r.CreatedAt, r.Product!.Asin, Brand = check.Brands.Where(b => b.Id == r.BrandId).Select(b => b.ExternalId).First(),
                Customer = check.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.ExternalId).First(),
                Order = r.Order != null ? r.Order.ExternalId : null,
                Accounts = check.BrandSellers.Where(s => s.BrandId == r.BrandId).Select(s => s.SellerAccountId).ToList(),
            })
            .ToListAsync();
        var events = await check.WebhookEvents.AsNoTracking().Where(e => e.ReviewId != null && stored.Select(r => r.Id).Contains(e.ReviewId.Value))
            .OrderBy(e => e.Id).ToListAsync();
        var deliveries = await check.WebhookDeliveries.AsNoTracking().Where(d => events.Select(e => e.Id).Contains(d.EventId)).ToListAsync();

        stored.Should().HaveCount(ReviewEvents.CopyFrom + 12);
        events.Select(e => e.ReviewId).Should().Equal(stored.Select(r => (long?)r.Id), "one event per new critical review, in the reviews' order");
        events.Should().OnlyHaveUniqueItems(e => e.MessageId).And.AllSatisfy(e => e.MessageId.Should().StartWith("msg_"));
        foreach (var (e, r) in events.Zip(stored))
        {
            e.Type.Should().Be(WebhookEventTypes.ReviewCriticalCreated);
            e.SellerAccountId.Should().Be(r.Accounts.Count == 1 ? r.Accounts[0] : null);
            e.ContactId.Should().BeNull();
            var expected = JsonSerializer.Serialize(new CriticalReviewData(r.ExternalId, r.Rating, r.Title, r.Brand, r.Asin, r.Customer, r.Order, r.CreatedAt), Web);
            Fields(e.Data).Should().BeEquivalentTo(Fields(expected), $"the event of {r.ExternalId} says what was stored");
            var mine = deliveries.Where(d => d.EventId == e.Id).OrderBy(d => d.SubscriptionId).ToList();
            mine.Select(d => d.SubscriptionId).Should().Equal([platform, s3Hook], "S3 sells both brands, S2 neither");
            mine.Should().AllSatisfy(d =>
            {
                (d.State, d.Attempts, d.CreatedAt, d.NextAttemptAt).Should().Be((WebhookDeliveryState.Pending, 0, e.OccurredAt, e.OccurredAt));
                (d.LeaseUntil, d.LastAttemptAt, d.LastStatusCode, d.LastAnswer, d.DeliveredAt).Should().Be(((DateTimeOffset?)null, (DateTimeOffset?)null, (int?)null, (string?)null, (DateTimeOffset?)null));
            });
        }
    }

    /// <summary>An object's properties with their JSON text (jsonb keeps neither the order of keys nor the spacing).</summary>
    private static Dictionary<string, string> Fields(string json)
        => JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());

    [Fact]
    public async Task CopyMany_OutsideATransaction_ThrowsAndWritesNothing()
    {
        var review = await Db.Reviews.AsNoTracking().Select(r => r.Id).FirstAsync();
        var before = await Db.WebhookEvents.CountAsync();

        var write = () => WebhookEventWriter.CopyManyAsync(Db, [new PendingWebhookEvent(WebhookEventTypes.ReviewCriticalCreated, null, new { }, ReviewId: review)]);

        await write.Should().ThrowAsync<InvalidOperationException>();
        (await Db.WebhookEvents.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task CopyMany_RolledBack_LeavesNoEventAndNoDelivery()
    {
        await using (var arrange = Check())
            await SubscribeAsync(arrange, null, "https://pay.example.test/hooks", Secret, WebhookEventTypes.ReviewCriticalCreated);
        var review = await Db.Reviews.AsNoTracking().Select(r => r.Id).FirstAsync();
        var (events, deliveries) = (await Db.WebhookEvents.CountAsync(), await Db.WebhookDeliveries.CountAsync());

        await using (var tx = await Db.Database.BeginTransactionAsync())
        {
            await WebhookEventWriter.CopyManyAsync(Db, [new PendingWebhookEvent(WebhookEventTypes.ReviewCriticalCreated, null, new { }, ReviewId: review)]);
            (await Db.WebhookDeliveries.CountAsync()).Should().Be(deliveries + 1);
            await tx.RollbackAsync();
        }

        (await Db.WebhookEvents.CountAsync(), await Db.WebhookDeliveries.CountAsync()).Should().Be((events, deliveries));
    }
}
