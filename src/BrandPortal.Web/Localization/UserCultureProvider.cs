using BrandPortal.Core.Email;
using BrandPortal.Web.Hosting;
using Microsoft.AspNetCore.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>
/// The signed-in user's own language, read with their access (no query of its own): the language they chose on
/// /Account/Language, else, for a customer, the language of their marketplace, as their emails are written
/// (<see cref="CustomerLanguage.Of"/>). A language the portal does not offer (the pseudo culture once it is turned off)
/// is passed over by the middleware, which then asks the next provider.
/// </summary>
public sealed class UserCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var access = httpContext.RequestServices.GetService<CurrentUser>()?.Access;
        var language = access?.Language
                       ?? (access is { IsCustomer: true, CustomerMarketplace: { } marketplace } ? CustomerLanguage.Of(marketplace).Code : null);
        return Task.FromResult(language is null ? null : new ProviderCultureResult(language));
    }
}
