using BrandPortal.Web.Localization;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

public sealed class PseudoTests
{
    [Theory]
    [InlineData("Customer Reviews", "⟦Çûšţöɱéŕ Ŕéṽîéŵš⟧")]
    [InlineData("Showing {0} of {1:N0}", "⟦Šĥöŵîñĝ {0} öƒ {1:N0}⟧")]
    [InlineData("Read <a href=\"/Help\">Help</a> &amp; more", "⟦Ŕéáð <a href=\"/Help\">Ĥéļþ</a> &amp; ɱöŕé⟧")]
    public void Wrap_Text_IsAccentedInBracketsKeepingPlaceholdersTagsAndEntities(string english, string pseudo)
        => Pseudo.Wrap(english).Should().Be(pseudo);

    [Fact]
    public void Localizer_English_ReturnsTheKeyWithoutAskingTheResources()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-GB");
        try
        {
            var localizer = new PortalStringLocalizer(new ThrowingLocalizer());
            localizer["Customer Reviews"].Value.Should().Be("Customer Reviews");
            localizer["Showing {0} of {1}", 3, 10].Value.Should().Be("Showing 3 of 10");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    private sealed class ThrowingLocalizer : Microsoft.Extensions.Localization.IStringLocalizer
    {
        public Microsoft.Extensions.Localization.LocalizedString this[string name] => throw new InvalidOperationException("looked up");
        public Microsoft.Extensions.Localization.LocalizedString this[string name, params object[] arguments] => throw new InvalidOperationException("looked up");
        public IEnumerable<Microsoft.Extensions.Localization.LocalizedString> GetAllStrings(bool includeParentCultures) => throw new InvalidOperationException("looked up");
    }
}
