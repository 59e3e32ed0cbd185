using System.Net;
using System.Net.Http.Headers;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

public sealed class RequestCultureTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<string> SignInPageAsync(Action<HttpRequestMessage> prepare)
    {
        var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        prepare(request);
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("de", "Zum Inhalt springen")]
    [InlineData("fr", "Aller au contenu")]
    [InlineData("es", "Ir al contenido")]
    [InlineData("ja", "本文へスキップ")]
    public async Task Layout_AcceptLanguage_IsWrittenInThatLanguageWithItsHtmlLang(string language, string skipLink)
    {
        var html = await SignInPageAsync(r => r.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language)));
        html.Should().Contain($"<html lang=\"{language}\">").And.Contain(skipLink);
    }

    [Fact]
    public async Task Layout_UnsupportedLanguage_FallsBackToEnglish()
    {
        var html = await SignInPageAsync(r => r.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("pt-BR")));
        html.Should().Contain("<html lang=\"en\">").And.Contain("Skip to content");
    }

    [Fact]
    public async Task Layout_CultureCookie_WinsOverAcceptLanguage()
    {
        var html = await SignInPageAsync(r =>
        {
            r.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));
            r.Headers.Add("Cookie", "bp.culture=c%3Dja%7Cuic%3Dja");
        });
        html.Should().Contain("<html lang=\"ja\">").And.Contain("本文へスキップ");
    }
}
