using BrandPortal.Core.Import;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Import;

/// <summary>A review that comes again with another rating, title or body keeps its earlier versions; unchanged, none.</summary>
public sealed class ReviewVersionTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private const string Catalog = """
    {
      "sellers":   [{"id": "S1", "name": "Acme Trading", "plan": "Professional", "standing": "Good"}],
      "brands":    [{"id": "B1", "name": "Acme", "registered": true, "sellerIds": ["S1"]}],
      "customers": [{"id": "C1", "name": "Jane Doe", "email": "jane@example.test", "password": "a-long-password-3"}],
      "products":  [{"asin": "B000000001", "brandId": "B1", "title": "Acme Kettle"}]
    }
    """;

    private static readonly DateTimeOffset Created = new(2026, 5, 10, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The file the CLI's <c>import</c> reads, holding one review.</summary>
    private static string ReviewFile(string id, int rating, string title, string body) => $$"""
        {"reviews": [{"id": "{{id}}", "asin": "B000000001", "customerId": "C1", "rating": {{rating}}, "title": "{{title}}",
                      "body": "{{body}}", "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": false}]}
        """;

    private async Task ImportAsync(string json)
    {
        await using var db = database.CreateContext();
        var service = new ImportService(db);
        (await service.ImportAsync(Catalog)).Succeeded.Should().BeTrue();
        var result = await service.ImportAsync(json);
        result.Errors.Should().BeEmpty();
    }

    private async Task<List<(short Rating, string Title, string Body, DateTimeOffset ValidFrom, DateTimeOffset ReplacedAt)>> VersionsAsync(string id)
    {
        await using var db = database.CreateContext();
        var reviewId = await db.Reviews.Where(r => r.ExternalId == id).Select(r => r.Id).SingleAsync();
        return (await db.ReviewVersions.Where(v => v.ReviewId == reviewId).OrderBy(v => v.ReplacedAt).ToListAsync())
            .Select(v => (v.Rating, v.Title, v.Body, v.ValidFrom, v.ReplacedAt)).ToList();
    }

    [Fact]
    public async Task Import_ReviewComesAgainUnchanged_KeepsNoVersion()
    {
        await ImportAsync(ReviewFile("RV1", 2, "Leaks", "It leaks."));
        await ImportAsync(ReviewFile("RV1", 2, "Leaks", "It leaks."));

        (await VersionsAsync("RV1")).Should().BeEmpty();
    }

    [Fact]
    public async Task Import_ReviewChangesTwiceThroughTheCliFile_KeepsBothEarlierVersionsEachFromWhenItWasFirstSeen()
    {
        await ImportAsync(ReviewFile("RV2", 2, "Leaks", "It leaks."));
        var beforeFirstChange = DateTimeOffset.UtcNow;
        await ImportAsync(ReviewFile("RV2", 1, "Leaks badly", "It leaks."));
        await ImportAsync(ReviewFile("RV2", 1, "Leaks badly", "It leaks everywhere."));

        var versions = await VersionsAsync("RV2");
        versions.Select(v => (v.Rating, v.Title, v.Body)).Should().Equal(((short)2, "Leaks", "It leaks."), ((short)1, "Leaks badly", "It leaks."));
        versions[0].ValidFrom.Should().Be(Created);
        versions[0].ReplacedAt.Should().BeOnOrAfter(beforeFirstChange.AddMilliseconds(-1));
        versions[1].ValidFrom.Should().Be(versions[0].ReplacedAt);
        versions[1].ReplacedAt.Should().BeOnOrAfter(versions[0].ReplacedAt);
        await using var db = database.CreateContext();
        (await db.Reviews.SingleAsync(r => r.ExternalId == "RV2")).Body.Should().Be("It leaks everywhere.");
    }

    [Theory]
    [InlineData(5, "Leaks", "It leaks.")]
    [InlineData(2, "Leaks?", "It leaks.")]
    [InlineData(2, "Leaks", "It leaked once.")]
    public async Task Import_OneReviewRecordWithAnotherRatingTitleOrBody_KeepsTheEarlierVersion(int rating, string title, string body)
    {
        var id = $"RV3-{rating}-{title.Length}-{body.Length}";
        var review = new ReviewRecord("$", id, "B000000001", "C1", null, 2, "Leaks", "It leaks.", Created, VerifiedPurchase: false);
        await using (var db = database.CreateContext())
        {
            var service = new ImportService(db);
            (await service.ImportAsync(Catalog)).Succeeded.Should().BeTrue();
            (await service.ImportAsync(ImportFile.Empty with { Reviews = [review] })).Succeeded.Should().BeTrue();
        }
        await using (var db = database.CreateContext())
            (await new ImportService(db).ImportAsync(ImportFile.Empty with { Reviews = [review with { Rating = rating, Title = title, Body = body }] }))
                .Succeeded.Should().BeTrue();

        (await VersionsAsync(id)).Select(v => (v.Rating, v.Title, v.Body)).Should().Equal(((short)2, "Leaks", "It leaks."));
    }

    [Fact]
    public async Task Import_ChangedReviewInAFileThatIsRefused_KeepsNoVersion()
    {
        await ImportAsync(ReviewFile("RV4", 2, "Leaks", "It leaks."));
        await using var db = database.CreateContext();
        var refused = await new ImportService(db).ImportAsync(ReviewFile("RV4", 1, "Leaks badly", "It leaks.").Replace("\"C1\"", "\"C404\""));

        refused.Succeeded.Should().BeFalse();
        (await VersionsAsync("RV4")).Should().BeEmpty();
    }
}
