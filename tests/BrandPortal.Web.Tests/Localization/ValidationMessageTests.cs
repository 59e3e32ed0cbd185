using System.Globalization;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>Model binding's own messages and the DataAnnotations messages come out in the request's language.</summary>
public sealed class ValidationMessageTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static T In<T>(string culture, Func<T> write)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return write(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [Theory]
    [InlineData("en", "The field Brand must be a number.", "The value 'x' is not valid for Brand.")]
    [InlineData("de", "Das Feld Brand muss eine Zahl sein.", "Der Wert „x“ ist für Brand ungültig.")]
    [InlineData("fr", "Le champ Brand doit être un nombre.", "La valeur « x » n'est pas valide pour Brand.")]
    [InlineData("es", "El campo Brand debe ser un número.", "El valor «x» no es válido para Brand.")]
    [InlineData("ja", "Brand には数値を入力してください。", "値「x」は Brand には無効です。")]
    public void ModelBindingMessages_EachLanguage_AreTranslated(string culture, string number, string invalid)
    {
        var messages = portal.Factory.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ModelBindingMessageProvider;
        In(culture, () => messages.ValueMustBeANumberAccessor("Brand")).Should().Be(number);
        In(culture, () => messages.AttemptedValueIsInvalidAccessor("x", "Brand")).Should().Be(invalid);
    }

    [Theory]
    [InlineData("en", "The Email field is required.")]
    [InlineData("de", "Das Feld Email ist erforderlich.")]
    [InlineData("ja", "Email は必須です。")]
    public void DataAnnotationsMessages_EachLanguage_ComeFromTheValidationResource(string culture, string required)
    {
        var localizer = portal.Factory.Services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(BrandPortal.Web.Localization.ValidationText));
        In(culture, () => localizer["The {0} field is required.", "Email"].Value).Should().Be(required);
    }
}
