using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BrandPortal.Core.Alerts;

/// <summary>
/// Builds the review alert digests that are due: for each subscription whose period has passed, the critical reviews
/// (1–3 stars) of the brands the user represents <em>now</em> (role and Customer Reviews permission read afresh), written
/// since they turned alerts on and not yet alerted, queued as one email through the outbox with the reviews recorded
/// in alert_deliveries in the same transaction. The key (user, review) makes a second alert about a review impossible,
/// even when two instances build digests at the same moment.
/// </summary>
public sealed class ReviewDigestService(
    BrandPortalDbContext db, AccessService access, UnsubscribeTokens tokens, OutboxSignal outbox, IOptions<AlertOptions> options,
    IOptions<PortalOptions> portal, TimeProvider clock, ILogger<ReviewDigestService> logger, BrandPortalMetrics? metrics = null)
{
    public const string Template = "ReviewDigest";

    /// <summary>How long a subscription waits after its last digest.</summary>
    public static TimeSpan Period(AlertFrequency frequency) => frequency switch
    {
        AlertFrequency.Daily => TimeSpan.FromDays(1),
        AlertFrequency.Weekly => TimeSpan.FromDays(7),
        _ => TimeSpan.Zero,
    };

    /// <summary>Queues every due digest; returns how many were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var dayAgo = now - Period(AlertFrequency.Daily);
        var weekAgo = now - Period(AlertFrequency.Weekly);
        var due = await db.AlertSubscriptions.AsNoTracking()
            .Where(s => s.Frequency == AlertFrequency.Immediately
                        || (s.Frequency == AlertFrequency.Daily && (s.LastDigestAt == null || s.LastDigestAt <= dayAgo))
                        || (s.Frequency == AlertFrequency.Weekly && (s.LastDigestAt == null || s.LastDigestAt <= weekAgo)))
            .OrderBy(s => s.UserId)
            .Select(s => s.UserId)
            .ToListAsync(ct);
        var queued = 0;
        foreach (var userId in due)
        {
            try
            {
                if (await BuildAsync(userId, now, ct)) queued++;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another instance alerted this user about one of these reviews a moment ago: nothing is sent twice.
                logger.LogInformation("A review digest for user {UserId} was built elsewhere; skipped", userId);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        if (queued > 0) outbox.Notify();
        return queued;
    }

    private async Task<bool> BuildAsync(long userId, DateTimeOffset now, CancellationToken ct)
    {
        // Permissions are read now, not when the user subscribed: a lost role or permission stops that brand's alerts.
        var user = await access.LoadAsync(userId, ct);
        if (user is null || !AlertSettingsService.MayReceive(user)) return false;
        var brands = user.RepresentedBrands.Select(b => b.BrandId).Distinct().ToArray();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Locks the subscription: a change of mind or a second instance waits for this digest, then sees it.
        // The row's key is filtered inside the SQL, where EF cannot see it: the OrderBy spares the first-without-order warning.
        var sub = await db.AlertSubscriptions.FromSql($"SELECT * FROM alert_subscriptions WHERE user_id = {userId} FOR UPDATE").OrderBy(s => s.UserId).FirstOrDefaultAsync(ct);
        if (sub is null || sub.Frequency == AlertFrequency.Off
            || (sub.Frequency != AlertFrequency.Immediately && sub.LastDigestAt is { } last && now - last < Period(sub.Frequency)))
            return false;

        var max = options.Value.MaxReviewsPerDigest;
        var since = sub.Since;
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => brands.Contains(r.BrandId) && r.Rating >= 1 && r.Rating <= 3 && r.CreatedAt >= since
                        && !db.AlertDeliveries.Any(d => d.UserId == userId && d.ReviewId == r.Id))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(max)
            .Select(r => new DigestReview(r.Id, r.Rating, r.Title, r.Body, r.BrandId, r.Product!.Title, r.Product.Asin, r.CreatedAt))
            .ToListAsync(ct);
        if (reviews.Count == 0) return false;

        var email = Render(user, sub, reviews, now);
        var row = db.Enqueue(EmailKind.ReviewDigest, $"digest-{userId}-{reviews[0].Id}-{reviews[^1].Id}", user.Email, user.Email, email, now);
        await db.SaveChangesAsync(ct);
        db.AlertDeliveries.AddRange(reviews.Select(r => new AlertDelivery { UserId = userId, ReviewId = r.Id, OutboxEmailId = row.Id, AlertedAt = now }));
        sub.LastDigestAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        metrics?.DigestQueued(sub.Frequency);
        logger.LogInformation("Review digest {OutboxId} queued for user {UserId} with {Count} reviews", row.Id, userId, reviews.Count);
        return true;
    }

    private sealed record DigestReview(long Id, short Rating, string Title, string Body, long BrandId, string Product, string Asin, DateTimeOffset CreatedAt);

    private RenderedEmail Render(UserAccess user, AlertSubscription sub, List<DigestReview> reviews, DateTimeOffset now)
    {
        var baseUrl = portal.Value.BaseUrl.TrimEnd('/');
        var names = user.RepresentedBrands.GroupBy(b => b.BrandId).ToDictionary(g => g.Key, g => g.First().BrandName);
        var brands = reviews.Select(r => names.GetValueOrDefault(r.BrandId, "")).Distinct().Order(StringComparer.Ordinal).ToList();
        var values = new Dictionary<string, string>
        {
            ["Count"] = reviews.Count.ToString(CultureInfo.InvariantCulture),
            ["Plural"] = reviews.Count == 1 ? "" : "s",
            ["Brands"] = brands.Count == 1 ? brands[0] : string.Join(", ", brands[..^1]) + " and " + brands[^1],
            ["Window"] = sub.LastDigestAt is null ? "since you turned on review alerts" : "since your last digest",
            ["FrequencyWords"] = sub.Frequency switch
            {
                AlertFrequency.Daily => "once a day",
                AlertFrequency.Weekly => "once a week",
                _ => "as soon as reviews arrive",
            },
            ["ReviewsLink"] = $"{baseUrl}/Brands/Reviews",
            ["SettingsLink"] = $"{baseUrl}/Brands/Alerts",
            ["UnsubscribeLink"] = $"{baseUrl}/Alerts/Unsubscribe?token={Uri.EscapeDataString(tokens.Create(user.UserId))}",
        };
        var items = reviews.Select(r => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["Stars"] = r.Rating.ToString(CultureInfo.InvariantCulture),
            ["Brand"] = names.GetValueOrDefault(r.BrandId, ""),
            ["Product"] = r.Product,
            ["Asin"] = r.Asin,
            ["Date"] = Wording.Day(r.CreatedAt),
            ["Title"] = EmailTemplates.SingleLine(r.Title),
            ["Excerpt"] = Excerpt(r.Body),
            ["ReviewLink"] = $"{baseUrl}/Brands/Reviews/{r.Id}/Contact",
        }).ToList();
        return EmailTemplates.RenderList(Template, values, items);
    }

    /// <summary>The first 300 characters of a review's body on one line, cut at a word.</summary>
    public static string Excerpt(string body)
    {
        var head = (body.Length > 400 ? body[..400] : body).Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var line = string.Join(' ', new string(head).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= 300) return line;
        var cut = line.LastIndexOf(' ', 300);
        return (cut > 200 ? line[..cut] : line[..300]) + "…";
    }
}
