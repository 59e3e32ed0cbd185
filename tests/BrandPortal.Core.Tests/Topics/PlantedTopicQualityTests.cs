using BrandPortal.Core.Generate;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Topics;
using FluentAssertions;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Core.Tests.Topics;

/// <summary>
/// Topic quality on the generator's text: every planted defect, in every language, is its product's first critical
/// topic (no filler phrase outranks it) and within the top three. Prints precision@3 and recall over all 50 planted
/// topics (10 defects × 5 languages) for docs/BENCHMARKS.md.
/// </summary>
public sealed class PlantedTopicQualityTests(PlantedTopicCorpus corpus, ITestOutputHelper output) : IClassFixture<PlantedTopicCorpus>
{
    private sealed record Outcome(string Defect, string Language, IReadOnlyList<string> Top3, int PlantedInTop3, bool Found, bool First);

    private async Task<Outcome> EvaluateAsync(int k, string language)
    {
        var defect = PlantedDefects.All[k];
        var (sentence, phrase) = defect.Languages[language];
        var user = await corpus.UserAsync("rep.one@acme.test");
        await using var db = corpus.CreateContext();
        var panel = await new TopicService(db, TimeProvider.System).LoadAsync(user, corpus.BrandId, corpus.Products[k], ReviewPeriod.Last12Months, language);
        var top3 = panel!.Negative.Take(3).Select(t => t.Term).ToList();
        // A term of the planted sentence is the planted topic, or a part of it; anything else is filler.
        var sentenceTerms = await TermsAsync(language, sentence);
        var phraseTerms = await TermsAsync(language, phrase);
        bool Planted(string term) => language == "ja" ? sentenceTerms.Contains(term) : term.Split(' ').All(sentenceTerms.Contains);
        bool IsPhrase(string term) => language == "ja" ? phraseTerms.Contains(term) : term.Split(' ').Any(phraseTerms.Contains) && Planted(term);
        return new Outcome(defect.Name, language, top3, top3.Count(Planted), top3.Any(IsPhrase), top3.Count > 0 && Planted(top3[0]));
    }

    /// <summary>Japanese: the terms JapaneseTerms makes; otherwise the lexemes PostgreSQL makes of the text.</summary>
    private async Task<HashSet<string>> TermsAsync(string language, string text)
    {
        if (language == "ja") return JapaneseTerms.Of(text);
        await using var conn = new NpgsqlConnection(corpus.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT array(SELECT lexeme FROM unnest(to_tsvector(topic_config(@l), @t)))", conn);
        cmd.Parameters.AddWithValue("l", language);
        cmd.Parameters.AddWithValue("t", text);
        return [.. (string[])(await cmd.ExecuteScalarAsync())!];
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ja")]
    public async Task LoadAsync_PlantedDefects_AreEachProductsFirstCriticalTopicInThatLanguage(string language)
    {
        for (var k = 0; k < PlantedDefects.All.Count; k++)
        {
            var outcome = await EvaluateAsync(k, language);
            output.WriteLine($"{outcome.Defect} [{language}]: {string.Join(" | ", outcome.Top3)}");
            outcome.Found.Should().BeTrue($"“{outcome.Defect}” in {language} should be among the top 3 of its product, not {string.Join(", ", outcome.Top3)}");
            outcome.First.Should().BeTrue($"no filler phrase should outrank “{outcome.Defect}” in {language}: {string.Join(", ", outcome.Top3)}");
        }
    }

    [Fact]
    public async Task LoadAsync_AllPlantedTopics_PrecisionAt3AndRecallAreReported()
    {
        var outcomes = new List<Outcome>();
        foreach (var language in TopicLanguage.All)
            for (var k = 0; k < PlantedDefects.All.Count; k++)
                outcomes.Add(await EvaluateAsync(k, language));
        var precision = outcomes.Sum(o => o.PlantedInTop3) / (3.0 * outcomes.Count);
        var recall = outcomes.Count(o => o.Found) / (double)outcomes.Count;
        output.WriteLine($"planted topics: {outcomes.Count}; recall@3 {recall:P1}; precision@3 {precision:P1} (share of top-3 terms that are the planted phrase or part of it)");
        foreach (var language in TopicLanguage.All)
        {
            var l = outcomes.Where(o => o.Language == language).ToList();
            output.WriteLine($"  {language}: recall@3 {l.Count(o => o.Found)}/{l.Count}, precision@3 {l.Sum(o => o.PlantedInTop3) / (3.0 * l.Count):P1}");
        }
        outcomes.Should().HaveCount(50);
        recall.Should().Be(1.0);
    }
}
