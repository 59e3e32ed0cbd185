using System.Globalization;
using BrandPortal.Core.Email;

namespace BrandPortal.Web.Localization;

/// <summary>
/// A refund amount on the customer's pages, written as the customer emails write it in the page's language ("298,00 $"
/// in German, "$298.00" in Japanese): the same formatting code, so the page and the email that led there agree.
/// English keeps the portal's "298.00 USD".
/// </summary>
public static class CustomerMoney
{
    private static readonly CustomerLanguage[] Languages =
        [CustomerLanguage.German, CustomerLanguage.French, CustomerLanguage.Spanish, CustomerLanguage.Japanese];

    public static string Write(decimal? amount, string? currency)
    {
        if (amount is not { } value || currency is null) return "";
        var code = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return Languages.FirstOrDefault(l => l.Code == code) is { } language ? language.Money(value, currency) : ContactEmails.Money(value, currency);
    }
}
