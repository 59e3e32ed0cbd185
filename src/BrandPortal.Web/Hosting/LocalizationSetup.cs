using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// The portal's languages. English is the source: every string is written in English in the page or the code that
/// shows it, and the .resx files under Resources/ hold its German, French, Spanish and Japanese translations, one file
/// per view (Resources/Pages/…/Name.de.resx) and <see cref="SharedResource"/> for strings used in many places.
/// </summary>
public static class LocalizationSetup
{
    public const string CultureCookie = "bp.culture";

    public static readonly IReadOnlyList<string> Cultures = ["en", "de", "fr", "es", "ja"];

    public static void AddBrandPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CultureCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    /// <summary>After the current user is known, so a user's stored language can take part.</summary>
    public static void UseBrandPortalLocalization(this WebApplication app) => app.UseRequestLocalization();
}
