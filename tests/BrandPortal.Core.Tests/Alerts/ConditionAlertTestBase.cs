using BrandPortal.Core.Access;
using BrandPortal.Core.Alerts.Conditions;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Webhooks;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BrandPortal.Core.Tests.Alerts;

/// <summary>
/// Condition alerts on a fresh copy of the demo database, on a clock in 2030 so that no demo review falls into a
/// window: every review a test counts is one it added. Acme (B1) is associated with Acme Trading (S1) and Globex
/// Retail (S3); Globex (B4) with S3 only.
/// </summary>
public abstract class ConditionAlertTestBase : DemoDatabaseTest
{
    protected static readonly DateTimeOffset Now = new(2030, 3, 1, 12, 0, 0, TimeSpan.Zero);
    protected readonly FakeTimeProvider Clock = new(Now);
    private int _sequence;

    protected ConditionAlertService Service() => new(Db, Finder(), new AccessService(Db),
        new ConditionAlertEmails(Options.Create(new PortalOptions { BaseUrl = "https://portal.example.com" })), new OutboxSignal(), Clock,
        NullLogger<ConditionAlertService>.Instance);

    protected ConditionFinder Finder() => new(Db, new LexemeTermSpikes(Db));

    protected async Task ChooseAsync(string email, params ConditionRule[] rules)
    {
        var user = await UserAsync(email);
        (await new ConditionAlertSettingsService(Db, Clock).SetAsync(user, ActorOf(user), rules.Select(r => r.ToString()).ToList()))
            .Kind.Should().Be(OutcomeKind.Done);
    }

    protected Task<long> ProductIdAsync(string asin) => Db.Products.AsNoTracking().Where(p => p.Asin == asin).Select(p => p.Id).SingleAsync();

    /// <summary>Adds reviews of the product written <paramref name="daysAgo"/> days before <see cref="Now"/>, optionally with an order in a marketplace.</summary>
    protected async Task AddReviewsAsync(string asin, IEnumerable<(int Rating, string Text)> reviews, double daysAgo, Marketplace? marketplace = null)
    {
        await using var db = Check();
        var product = await db.Products.AsNoTracking().Where(p => p.Asin == asin).Select(p => new { p.Id, p.BrandId }).SingleAsync();
        var customer = await db.Customers.Select(c => c.Id).FirstAsync();
        var seller = await db.BrandSellers.Where(s => s.BrandId == product.BrandId).Select(s => s.SellerAccountId).FirstAsync();
        foreach (var (rating, text) in reviews)
        {
            var n = ++_sequence;
            Order? order = marketplace is { } m
                ? new Order { ExternalId = $"T-{n}", CustomerId = customer, SellerAccountId = seller, Marketplace = m, PlacedAt = Now.AddDays(-daysAgo - 1) }
                : null;
            if (order is not null) db.Orders.Add(order);
            db.Reviews.Add(new Review
            {
                ExternalId = $"T{n:D5}", ProductId = product.Id, BrandId = product.BrandId, CustomerId = customer, Rating = (short)rating,
                Title = "", Body = text, CreatedAt = Now.AddDays(-daysAgo).AddMinutes(-n), Order = order,
            });
        }
        await db.SaveChangesAsync();
    }

    protected static IEnumerable<(int, string)> Ratings(int count, int threes, int others = 4) =>
        Enumerable.Range(0, count).Select(i => (i < threes ? 3 : others, ""));

    protected async Task<List<OutboxEmail>> AlertEmailsAsync()
    {
        await using var check = Check();
        return await check.OutboxEmails.AsNoTracking().Where(e => e.Kind == EmailKind.ConditionAlert).OrderBy(e => e.Id).ToListAsync();
    }

    protected async Task<List<(string Type, long? Account, string Data)>> AlertEventsAsync()
    {
        await using var check = Check();
        return (await check.WebhookEvents.AsNoTracking().Where(e => e.Type.StartsWith("alert.")).OrderBy(e => e.Id)
            .Select(e => new { e.Type, e.SellerAccountId, e.Data }).ToListAsync()).Select(e => (e.Type, e.SellerAccountId, e.Data)).ToList();
    }

    protected async Task<List<ConditionAlertOccurrence>> OccurrencesAsync()
    {
        await using var check = Check();
        return await check.ConditionAlertOccurrences.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    protected static string[] Types(IEnumerable<(string Type, long? Account, string Data)> events) => events.Select(e => e.Type).ToArray();

    protected static readonly string[] AlertTypes = [WebhookEventTypes.AlertRatingDrop, WebhookEventTypes.AlertTopicSpike, WebhookEventTypes.AlertResponseDue];
}
