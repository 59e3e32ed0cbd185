using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Web.Localization;
using FluentAssertions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>The words Core hands to the administration pages: each one has a translation in every language.</summary>
public sealed class AdminTextResourceTests
{
    private static readonly IStringLocalizer Text = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(AdminText));

    private static IEnumerable<string> CatalogueWords() => PermissionCatalogue.Entries
        .SelectMany(e => new[] { e.Header, e.Name, e.Description }.Concat(e.Levels.Select(PermissionCatalogue.LevelName)));

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ja")]
    public void AdminText_EveryAuditActionAndCatalogueWord_IsTranslated(string language)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            AuditActions.All.Where(code => !AuditActionNames.Has(code)).Should().BeEmpty("every audit action needs words to be shown in");
            var words = AuditActions.All.Select(AuditActionNames.Of).Concat(CatalogueWords());
            words.Where(w => Text[w].ResourceNotFound).Should().BeEmpty();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
