using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Import;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Topics;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Topics;

/// <summary>topic= on Customer Reviews: parsed strictly, kept in links, and the page and the export list only reviews mentioning the phrase, of brands the user represents.</summary>
public sealed class TopicFilterTests : DemoDatabaseTest
{
    private static ParsedReviewFilter Parse(string? topic) => ReviewFilter.Parse(new ReviewFilterInput([], Topic: topic), []);

    [Theory]
    [InlineData("en:lid leak", "en:lid leak")]
    [InlineData(" EN:lid  leak ", "en:lid leak")]
    [InlineData("ja:水漏", "ja:水漏")]
    [InlineData("de:deckel leckt", "de:deckel leckt")]
    public void Parse_ValidTopic_IsKeptNormalizedAndInTheLink(string given, string kept)
    {
        var parsed = Parse(given);

        parsed.Messages.Should().BeEmpty();
        parsed.Filter.Topic.Should().Be(kept);
        parsed.Filter.ToQuery().Should().Contain(new KeyValuePair<string, string>("topic", kept));
    }

    [Theory]
    [InlineData("lid leak")]
    [InlineData("xx:lid")]
    [InlineData("en:lid' | 'x")]
    [InlineData("en:one two three four")]
    [InlineData("ja:lid")]
    public void Parse_InvalidTopic_IsIgnoredWithAMessage(string given)
    {
        var parsed = Parse(given);

        parsed.Filter.Topic.Should().BeNull();
        parsed.Messages.Should().Equal("That topic is not valid; showing reviews on every topic.");
    }

    [Fact]
    public async Task LoadAndExport_TopicFilter_ListOnlyReviewsMentioningItOfRepresentedBrands()
    {
        var when = DateTimeOffset.UtcNow.AddDays(-2);
        ReviewRecord Review(string id, string asin, string body) => new("$", id, asin, "C1", null, 1, "Title", body, when, VerifiedPurchase: false);
        (await new ImportService(Db).ImportAsync(ImportFile.Empty with
        {
            Reviews = [Review("TF1", "B000ACME01", "The lid leaks."), Review("TF2", "B000ACME02", "The lid is fine but the leaks are elsewhere."),
                Review("TF3", "B000ACOD01", "The lid leaks.")],
        })).Succeeded.Should().BeTrue();
        var user = await UserAsync("rep.one@acme.test");
        var clock = TimeProvider.System;
        var query = new ReviewQuery(Db, new EligibilityService(Db, clock), clock);
        var parsed = ReviewFilter.Parse(new ReviewFilterInput([], Topic: "en:lid leak"), user.RepresentedBrands);

        var page = await query.LoadAsync(user, parsed);
        var rows = new List<ReviewExportRow>();
        await foreach (var row in query.Export(user, parsed.Filter)!) rows.Add(row);

        page.Cards.Select(c => c.Body).Should().Equal("The lid leaks.");
        page.Total.Should().Be(1);
        rows.Should().ContainSingle().Which.Body.Should().Be("The lid leaks.");
    }

    [Fact]
    public void Condition_Topic_QuotesLexemesSoTheyAreNotStemmedAgain()
    {
        var values = new List<object>();
        var sql = TopicKey.Condition("en:lid leak", v => { values.Add(v); return "@p0"; });

        sql.Should().Be("to_tsvector('english'::regconfig, r.body) @@ @p0::tsquery");
        values.Should().Equal("'lid' <-> 'leak'");
    }
}
