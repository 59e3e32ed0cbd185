using System.Globalization;
using System.Text.RegularExpressions;
using BrandPortal.Core.Messaging;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Core.Tests.Messaging;

/// <summary>
/// The guideline checker against two tables kept as data: forbidden requests in five languages, each kind in every
/// disguise (lookalike letters, full-width, small capitals, accents, invisible characters, spacing, digits for
/// letters, entities, misspellings, synonyms, obfuscated addresses and numbers), and ordinary answers that must pass.
/// </summary>
public sealed partial class GuidelineTableTests(ITestOutputHelper output)
{
    public sealed record Row(string Language, string Kind, string Disguise, string Sentence)
    {
        public override string ToString() => $"{Language}/{Kind}/{Disguise}: {Sentence}";
    }

    private static readonly Dictionary<string, GuidelineRule[]> RulesOfKind = new()
    {
        ["change"] = [GuidelineRule.AsksToChangeReview],
        ["positive"] = [GuidelineRule.AsksForPositiveReview],
        ["incentive"] = [GuidelineRule.IncentiveForReview],
        ["link"] = [GuidelineRule.Link],
        ["email"] = [GuidelineRule.EmailAddress],
        ["phone"] = [GuidelineRule.PhoneNumber],
        ["channel"] = [GuidelineRule.OtherChannel],
    };

    public static IReadOnlyList<Row> RefusedRows { get; } = Read("guidelines-refused.txt", 4);
    public static IReadOnlyList<Row> AllowedRows { get; } = Read("guidelines-allowed.txt", 3);

    public static TheoryData<Row> Refused => [.. RefusedRows];
    public static TheoryData<Row> Allowed => [.. AllowedRows];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_RefusedTableSentence_NamesTheRuleOfItsKind(Row row)
        => GuidelineChecker.Check(row.Sentence).Select(v => v.Rule).Should().Contain(RulesOfKind[row.Kind], $"{row} breaks the guidelines");

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Check_AllowedTableSentence_HasNoViolation(Row row)
        => GuidelineChecker.Check(row.Sentence).Select(v => $"{v.Rule} ({v.Excerpt})").Should().BeEmpty($"{row} follows the guidelines");

    [Fact]
    public void Tables_CoverFiveLanguagesEveryKindAndAtLeastThreeHundredSentences()
    {
        var refusedCounts = RefusedRows.GroupBy(r => (r.Language, r.Kind)).OrderBy(g => g.Key).ToList();
        foreach (var g in refusedCounts)
        {
            var caught = g.Count(r => GuidelineChecker.Check(r.Sentence).Select(v => v.Rule).Intersect(RulesOfKind[r.Kind]).Any());
            output.WriteLine($"refused {g.Key.Language} {g.Key.Kind,-9} {caught,3} of {g.Count(),3} refused");
        }
        foreach (var g in AllowedRows.GroupBy(r => r.Language).OrderBy(g => g.Key))
            output.WriteLine($"allowed {g.Key} {g.Count(r => GuidelineChecker.Check(r.Sentence).Count == 0),3} of {g.Count(),3} allowed");
        foreach (var g in RefusedRows.GroupBy(r => r.Disguise).OrderBy(g => g.Key))
            output.WriteLine($"disguise {g.Key,-12} {g.Count(),3}");
        output.WriteLine($"total: {RefusedRows.Count} refused, {AllowedRows.Count} allowed");

        (RefusedRows.Count + AllowedRows.Count).Should().BeGreaterThanOrEqualTo(300);
        AllowedRows.Count.Should().BeGreaterThanOrEqualTo(100);
        string[] languages = ["de", "en", "es", "fr", "ja"];
        RefusedRows.Select(r => r.Language).Distinct().Order().Should().Equal(languages);
        AllowedRows.Select(r => r.Language).Distinct().Order().Should().Equal(languages);
        foreach (var language in languages)
            foreach (var kind in RulesOfKind.Keys)
                RefusedRows.Count(r => r.Language == language && r.Kind == kind).Should().BeGreaterThanOrEqualTo(3, $"{language} has {kind} sentences");
        string[] disguises = ["plain", "cyrillic", "greek", "fullwidth", "smallcaps", "accents", "invisible", "spaced", "dotted", "leet", "entities",
            "misspelling", "synonym", "obfuscated", "spelled"];
        RefusedRows.Select(r => r.Disguise).Distinct().Should().Contain(disguises);
    }

    /// <summary>
    /// Beyond the disguises, each language needs the requests as sellers really write them there (several undisguised
    /// phrasings of asking to change a review and of paying for one) and enough ordinary answers to show it does not
    /// refuse everyday support.
    /// </summary>
    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ja")]
    [InlineData("en")]
    public void Tables_Language_HasSeveralPlainPhrasingsPerForbiddenRequestAndTwentyAllowedAnswers(string language)
    {
        foreach (var kind in new[] { "change", "incentive", "positive" })
            RefusedRows.Count(r => r.Language == language && r.Kind == kind && r.Disguise == "plain").Should()
                .BeGreaterThanOrEqualTo(6, $"{language} has plain {kind} sentences");
        AllowedRows.Count(r => r.Language == language).Should().BeGreaterThanOrEqualTo(20);
    }

    private static List<Row> Read(string file, int columns)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Messaging", file);
        return File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => columns == 4 ? new Row(p[0], p[1], p[2], Unescape(p[3])) : new Row(p[0], p[1], "", Unescape(p[2])))
            .ToList();
    }

    /// <summary>Invisible characters are written as \uXXXX in the tables so that the files stay readable and diffable.</summary>
    private static string Unescape(string s)
        => Escape().Replace(s, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex Escape();
}
