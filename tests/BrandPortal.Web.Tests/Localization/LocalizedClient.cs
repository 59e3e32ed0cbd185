using System.Net.Http.Headers;
using BrandPortal.Testing;

namespace BrandPortal.Web.Tests.Localization;

public static class LocalizedClient
{
    /// <summary>A demo user's session whose every request asks for <paramref name="language"/> (Accept-Language).</summary>
    public static async Task<PortalClient> SignInAsync(this DemoPortal portal, string email, string language)
    {
        var client = await portal.SignInAsync(email);
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }
}
