using System.Globalization;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>
/// Every localizer of the portal (IStringLocalizer, and through it IHtmlLocalizer and IViewLocalizer) is made by this
/// factory around ASP.NET Core's resx factory. In English the key is the text (English is the source), so no
/// ResourceManager is asked at all: the Customer Reviews page writes a few hundred strings and English is most users'
/// language. In the test-only pseudo culture every string comes back wrapped and accented (<see cref="Pseudo"/>), so
/// a test can see which text on a page did not go through a localizer. Any other culture reads the .resx files.
/// </summary>
public sealed class PortalStringLocalizerFactory(ResourceManagerStringLocalizerFactory resx) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new PortalStringLocalizer(resx.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new PortalStringLocalizer(resx.Create(baseName, location));
}

/// <summary>See <see cref="PortalStringLocalizerFactory"/>.</summary>
public sealed class PortalStringLocalizer(IStringLocalizer resx) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var culture = CultureInfo.CurrentUICulture;
            if (IsEnglish(culture)) return new LocalizedString(name, name, resourceNotFound: false);
            if (Pseudo.Is(culture)) return new LocalizedString(name, Pseudo.Wrap(name), resourceNotFound: false);
            return resx[name];
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resx.GetAllStrings(includeParentCultures);

    /// <summary>English, its regional variants, and the invariant culture (threads that never set one).</summary>
    internal static bool IsEnglish(CultureInfo culture)
    {
        var name = culture.Name;
        return name.Length == 0 || name == "en" || name.StartsWith("en-", StringComparison.Ordinal);
    }
}
