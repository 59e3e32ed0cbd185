using System.Globalization;
using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// The portal's languages. English is the source: every string is written in English in the page or the code that
/// shows it, and the .resx files under Resources/ hold its German, French, Spanish and Japanese translations, one file
/// per view (Resources/Pages/…/Name.de.resx), one per marker class (Resources/Localization/…) and
/// <see cref="SharedResource"/> for strings used in many places. docs/ARCHITECTURE.md#localization has the design.
/// </summary>
public static class LocalizationSetup
{
    public const string CultureCookie = "bp.culture";

    /// <summary>Turns on the pseudo culture (<see cref="Pseudo"/>) for tests; refused in Production.</summary>
    public const string PseudoCultureSetting = "Localization:PseudoCulture";

    public static readonly IReadOnlyList<string> Cultures = ["en", "de", "fr", "es", "ja"];

    /// <summary>Each language in its own name, as the language switcher offers it.</summary>
    public static string NativeName(string culture) => culture switch
    {
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "ja" => "日本語",
        _ => culture,
    };

    public static void AddBrandPortalLocalization(this WebApplicationBuilder builder)
    {
        var pseudo = builder.Configuration.GetValue<bool>(PseudoCultureSetting);
        if (pseudo && builder.Environment.IsProduction())
            throw new InvalidOperationException($"{PseudoCultureSetting} is for tests: it is refused in Production.");
        var offered = pseudo ? [.. Cultures, Pseudo.CultureName] : Cultures;

        var services = builder.Services;
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, PortalStringLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = offered.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // An explicit choice (the footer's switcher, this browser) > the user's stored language > a customer's
            // marketplace > the browser's languages > English.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CultureCookie },
                new UserCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) => ValidationText.Localize(o.ModelBindingMessageProvider, factory));
    }

    /// <summary>The cultures this instance offers (with the pseudo culture when a test turned it on).</summary>
    public static IReadOnlyList<string> Offered(IServiceProvider services)
        => services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value.SupportedUICultures!.Select(c => c.Name).ToList();

    /// <summary>After the current user is known, so a user's stored language can take part.</summary>
    public static void UseBrandPortalLocalization(this WebApplication app) => app.UseRequestLocalization();
}
