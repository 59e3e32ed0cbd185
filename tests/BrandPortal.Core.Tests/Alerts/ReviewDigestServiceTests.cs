using BrandPortal.Core.Access;
using BrandPortal.Core.Alerts;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Import;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Core.Tests.Alerts;

/// <summary>
/// Review alert digests against PostgreSQL on a small fixture: rep@x.test represents Mine and Also; nobody here
/// represents Foreign. Every test starts with no subscriptions, deliveries or email, on a clock it moves itself.
/// </summary>
public sealed class ReviewDigestServiceTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);
    private const string Rep = "rep@x.test";
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();
    private BrandPortalDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = database.CreateContext();
        if (!await _db.Users.AnyAsync())
        {
            var json = """
            {
              "sellers": [{"id":"S1","name":"Seller","plan":"Professional","standing":"Good"},{"id":"S2","name":"Elsewhere","plan":"Professional","standing":"Good"}],
              "brands": [{"id":"B1","name":"Mine","registered":true,"sellerIds":["S1"]},{"id":"B2","name":"Also","registered":true,"sellerIds":["S1"]},
                         {"id":"B3","name":"Foreign","registered":true,"sellerIds":["S2"]}],
              "users": [{"email":"rep@x.test","password":"a-long-password-1","sellerId":"S1",
                         "brandRoles":[{"brandId":"B1","role":"BrandRepresentative"},{"brandId":"B2","role":"BrandRepresentative"}],
                         "permissions":{"CustomerReviews":"View"}}],
              "customers": [{"id":"C1","name":"Jane Doe","email":"jane@x.test","password":"a-long-password-2"}],
              "products": [{"asin":"B00000000A","brandId":"B1","title":"Kettle"},{"asin":"B00000000B","brandId":"B2","title":"Lamp <Pro>"},
                           {"asin":"B00000000C","brandId":"B3","title":"Foreign thing"}],
              "orders": [], "reviews": []
            }
            """;
            var result = await new ImportService(_db).ImportAsync(json);
            result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors));
        }
        await _db.Database.ExecuteSqlRawAsync("DELETE FROM alert_deliveries; DELETE FROM alert_subscriptions; DELETE FROM outbox_emails; DELETE FROM reviews;");
        var rep = await RepIdAsync();
        await _db.UserPermissions.Where(p => p.UserId == rep).ExecuteUpdateAsync(s => s.SetProperty(p => p.Level, PermissionLevel.View));
        if (!await _db.UserBrandRoles.AnyAsync(r => r.UserId == rep && r.Brand!.Name == "Also"))
        {
            _db.UserBrandRoles.Add(new UserBrandRole { UserId = rep, BrandId = await BrandAsync("Also"), Role = BrandRole.BrandRepresentative });
            await _db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<long> RepIdAsync() => _db.Users.Where(u => u.Email == Rep).Select(u => u.Id).SingleAsync();
    private Task<long> BrandAsync(string name) => _db.Brands.Where(b => b.Name == name).Select(b => b.Id).SingleAsync();

    private UnsubscribeTokens Tokens() => new(_keys, Options.Create(new AlertOptions()), _clock);

    private ReviewDigestService Digests()
        => new(_db, new AccessService(_db), Tokens(), new OutboxSignal(), Options.Create(new AlertOptions()),
            Options.Create(new PortalOptions { BaseUrl = "https://portal.example.com" }), _clock, NullLogger<ReviewDigestService>.Instance);

    private AlertSettingsService Settings() => new(_db, Tokens(), _clock);

    private async Task SubscribeAsync(AlertFrequency frequency)
    {
        var user = (await new AccessService(_db).LoadAsync(await RepIdAsync()))!;
        (await Settings().SetAsync(user, new Actor(user.UserId, Rep, user.SellerAccountId, null), frequency)).Succeeded.Should().BeTrue();
    }

    private async Task<long> AddReviewAsync(string brand, int rating, string title, TimeSpan? age = null)
    {
        var brandId = await BrandAsync(brand);
        var product = await _db.Products.Where(p => p.BrandId == brandId).Select(p => p.Id).FirstAsync();
        var review = new Review
        {
            ExternalId = "T" + Guid.NewGuid().ToString("N"), ProductId = product, BrandId = brandId,
            CustomerId = await _db.Customers.Select(c => c.Id).FirstAsync(), Rating = (short)rating, Title = title,
            Body = "What happened: " + title, CreatedAt = _clock.GetUtcNow() - (age ?? TimeSpan.Zero),
        };
        _db.Reviews.Add(review);
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
        return review.Id;
    }

    private async Task<List<OutboxEmail>> DigestsSentAsync()
        => await _db.OutboxEmails.AsNoTracking().Where(e => e.Kind == EmailKind.ReviewDigest).OrderBy(e => e.Id).ToListAsync();

    [Fact]
    public async Task Run_NewCriticalReviews_OneDigestWithExactlyThoseReviews()
    {
        await AddReviewAsync("Mine", 1, "Old news", TimeSpan.FromDays(2));
        await SubscribeAsync(AlertFrequency.Immediately);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await AddReviewAsync("Mine", 1, "Leaks <script>alert(1)</script>");
        await AddReviewAsync("Also", 3, "Dim light");
        await AddReviewAsync("Mine", 4, "Pretty good");
        await AddReviewAsync("Foreign", 1, "Not yours");
        _clock.Advance(TimeSpan.FromMinutes(1));

        (await Digests().RunAsync()).Should().Be(1);

        var email = (await DigestsSentAsync()).Should().ContainSingle().Subject;
        email.ToAddress.Should().Be(Rep);
        email.Subject.Should().Be("2 new critical reviews of Also and Mine");
        email.TextBody.Should().Contain("Leaks <script>alert(1)</script>").And.Contain("Dim light").And.Contain("1 of 5 stars · Mine · Kettle (B00000000A)")
            .And.Contain("3 of 5 stars · Also · Lamp <Pro>")
            .And.NotContain("Old news").And.NotContain("Pretty good").And.NotContain("Not yours").And.NotContain("Foreign")
            .And.Contain("since you turned on review alerts").And.Contain("https://portal.example.com/Brands/Alerts")
            .And.Contain("https://portal.example.com/Alerts/Unsubscribe?token=");
        email.HtmlBody.Should().Contain("Leaks &lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>")
            .And.Contain("Lamp &lt;Pro&gt;").And.Contain("<li");
        (await _db.AlertDeliveries.CountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Run_Twice_SendsNothingNew_ThenOnlyTheNextReview()
    {
        await SubscribeAsync(AlertFrequency.Immediately);
        await AddReviewAsync("Mine", 2, "First");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(1);
        (await Digests().RunAsync()).Should().Be(0, "every review was already alerted");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(0);

        await AddReviewAsync("Mine", 1, "Second");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(1);
        var sent = await DigestsSentAsync();
        sent.Should().HaveCount(2);
        sent[1].TextBody.Should().Contain("Second").And.NotContain("First").And.Contain("since your last digest");
        sent[1].Subject.Should().Be("1 new critical review of Mine");
    }

    [Theory]
    [InlineData(AlertFrequency.Daily, 1)]
    [InlineData(AlertFrequency.Weekly, 7)]
    public async Task Run_DailyOrWeekly_AtMostOneDigestPerPeriod(AlertFrequency frequency, int days)
    {
        await SubscribeAsync(frequency);
        await AddReviewAsync("Mine", 1, "Monday");
        _clock.Advance(TimeSpan.FromMinutes(5));
        (await Digests().RunAsync()).Should().Be(1, "the first digest goes out with the first news");

        await AddReviewAsync("Also", 2, "Tuesday");
        _clock.Advance(TimeSpan.FromDays(days) - TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(0, "the period since the last digest has not passed");

        _clock.Advance(TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(1);
        var sent = await DigestsSentAsync();
        sent[1].TextBody.Should().Contain("Tuesday").And.NotContain("Monday").And.Contain(frequency == AlertFrequency.Daily ? "once a day" : "once a week");
    }

    [Fact]
    public async Task Run_OffOrNeverSubscribed_SendsNothing()
    {
        await AddReviewAsync("Mine", 1, "Nobody asked");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(0);
        await SubscribeAsync(AlertFrequency.Immediately);
        await SubscribeAsync(AlertFrequency.Off);
        await AddReviewAsync("Mine", 1, "Still nobody");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(0);
        (await DigestsSentAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Run_RoleOrPermissionLost_NoDigestForThatBrand()
    {
        await SubscribeAsync(AlertFrequency.Immediately);
        var rep = await RepIdAsync();
        var also = await BrandAsync("Also");
        await _db.UserBrandRoles.Where(r => r.UserId == rep && r.BrandId == also).ExecuteDeleteAsync();
        await AddReviewAsync("Also", 1, "No longer yours");
        await AddReviewAsync("Mine", 1, "Still yours");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(1);
        (await DigestsSentAsync()).Single().TextBody.Should().Contain("Still yours").And.NotContain("No longer yours");

        await _db.UserPermissions.Where(p => p.UserId == rep && p.Permission == Permission.CustomerReviews)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Level, PermissionLevel.None));
        await AddReviewAsync("Mine", 2, "Permission gone");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await Digests().RunAsync()).Should().Be(0);
        (await DigestsSentAsync()).Should().HaveCount(1);
    }

    [Fact]
    public async Task Unsubscribe_TokenFromTheDigest_TurnsAlertsOff_TamperedOrExpiredChangesNothing()
    {
        await SubscribeAsync(AlertFrequency.Daily);
        var rep = await RepIdAsync();
        var token = Tokens().Create(rep);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        (await Settings().UnsubscribeAsync(tampered, null)).Should().Be(UnsubscribeOutcome.InvalidLink);
        (await Settings().UnsubscribeAsync("", null)).Should().Be(UnsubscribeOutcome.InvalidLink);
        (await Settings().UnsubscribeAsync(new UnsubscribeTokens(new EphemeralDataProtectionProvider(), Options.Create(new AlertOptions()), _clock).Create(rep), null))
            .Should().Be(UnsubscribeOutcome.InvalidLink, "a token signed with other keys is not ours");
        (await _db.AlertSubscriptions.AsNoTracking().SingleAsync()).Frequency.Should().Be(AlertFrequency.Daily);

        (await Settings().UnsubscribeAsync(token, "192.0.2.1")).Should().Be(UnsubscribeOutcome.Unsubscribed);
        (await _db.AlertSubscriptions.AsNoTracking().SingleAsync()).Frequency.Should().Be(AlertFrequency.Off);
        (await Settings().UnsubscribeAsync(token, null)).Should().Be(UnsubscribeOutcome.AlreadyOff);
        (await _db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.AlertsChanged).OrderBy(a => a.Id).Select(a => a.After).ToListAsync())
            .Should().EndWith("Off");

        await SubscribeAsync(AlertFrequency.Weekly);
        var later = Tokens().Create(rep);
        _clock.Advance(TimeSpan.FromDays(181));
        (await Settings().UnsubscribeAsync(later, null)).Should().Be(UnsubscribeOutcome.InvalidLink, "the link lives 180 days");
        (await _db.AlertSubscriptions.AsNoTracking().SingleAsync()).Frequency.Should().Be(AlertFrequency.Weekly);
    }

    [Theory]
    [InlineData("short body", "short body")]
    [InlineData("line one\r\nline two", "line one line two")]
    public void Excerpt_Body_IsOneLine(string body, string expected) => ReviewDigestService.Excerpt(body).Should().Be(expected);

    [Fact]
    public void Excerpt_LongBody_IsCutAtAWordWithAnEllipsis()
    {
        var excerpt = ReviewDigestService.Excerpt(string.Join(' ', Enumerable.Repeat("word", 200)));
        excerpt.Should().EndWith("word…");
        excerpt.Length.Should().BeLessThanOrEqualTo(301);
    }
}
