using System.Globalization;
using System.Text.Encodings.Web;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Localization;
using FluentAssertions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>Core's English messages for the review pages, localized by their English text and formats. Pure: no portal.</summary>
public sealed class ReviewsTextTests
{
    private static readonly HtmlLocalizerFactory Factory = new(new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static readonly HtmlLocalizer<ReviewsText> Reviews = new(Factory);
    private static readonly HtmlLocalizer<EligibilityText> Eligibility = new(Factory);

    private static string In(string culture, Func<IHtmlContent?> localize)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            using var writer = new StringWriter();
            localize()!.WriteTo(writer, HtmlEncoder.Default);
            return writer.ToString();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Message_BulkSummaryOfThreeSentences_EachSentenceIsTranslatedWithTheEmailUntranslated()
    {
        var english = ReviewBulkService.Summary(BulkAction.Assign, matched: 5, changed: 3, "kim@acme.test") + " kim@acme.test is emailed.";

        var german = In("de", () => Reviews.Message(english));

        german.Should().Be("3 Rezensionen <span translate=\"no\">kim@acme.test</span> zugewiesen. 2 übersprungen: <span translate=\"no\">kim@acme.test</span> " +
                           "vertritt deren Marke nicht, oder sie waren bereits <span translate=\"no\">kim@acme.test</span> zugewiesen. " +
                           "<span translate=\"no\">kim@acme.test</span> erhält eine E-Mail.");
    }

    [Fact]
    public void Message_English_IsCoresTextAsItIs()
        => In("en", () => Reviews.Message("The view “<b>” is deleted.")).Should().Be(HtmlEncoder.Default.Encode("The view “<b>” is deleted."));

    [Fact]
    public void Message_ValueWithMarkup_IsEncodedInsideTheTranslation()
        => In("fr", () => Reviews.Message("The view “<b>” is deleted.")).Should().Be("La vue « <span translate=\"no\">&lt;b&gt;</span> » est supprimée.");

    [Fact]
    public void Message_Unknown_PassesThroughUnchanged()
        => In("de", () => Reviews.Message("Something Core learnt yesterday.")).Should().Be("Something Core learnt yesterday.");

    [Theory]
    [InlineData("Unknown scope <script>alert(1)</script>")]
    [InlineData("Unassigned. Unknown scope <script>alert(1)</script>.")]
    public void Message_UnknownTextWithMarkup_IsEncodedNeverUsedAsAFormat(string english)
        => In("de", () => Reviews.Message(english)).Should().NotContain("<script>").And.Contain("&lt;script&gt;");

    [Fact]
    public void EligibilityReason_NotContactedWithATime_TimeIsWrittenAgainInATimeElement()
    {
        var reason = new BrandPortal.Core.Eligibility.UnmetCondition(BrandPortal.Core.Eligibility.EligibilityRule.NotContacted,
            "rep.two@acme.test already contacted this customer about this review on 3 Mar 2026 at 14:05 UTC.", "");

        var spanish = In("es", () => Eligibility.Reason(reason));

        spanish.Should().StartWith("<span translate=\"no\">rep.two@acme.test</span> ya contactó con este cliente por esta opinión el <time datetime=\"2026-03-03T14:05:00Z\">")
            .And.EndWith("</time>.");
    }

    public static TheoryData<string, string> CatalogKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var culture in new[] { "de", "fr", "es", "ja" })
        {
            foreach (var key in ReviewsText.Messages.Keys) data.Add(culture, "ReviewsText|" + key);
            foreach (var key in EligibilityText.Formats.Keys) data.Add(culture, "EligibilityText|" + key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogKeys))]
    public void Catalog_EveryEnglishMessage_HasATranslation(string culture, string catalogAndKey)
    {
        var (catalog, key) = (catalogAndKey.Split('|', 2)[0], catalogAndKey.Split('|', 2)[1]);
        IHtmlLocalizer localizer = catalog == "ReviewsText" ? Reviews : Eligibility;
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            localizer[key].IsResourceNotFound.Should().BeFalse($"“{key}” needs its {culture} translation");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
