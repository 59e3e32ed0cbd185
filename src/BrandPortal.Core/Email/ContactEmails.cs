using System.Globalization;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Email;

/// <summary>The facts a contact email may show: nothing a brand types, only what the portal knows.</summary>
public sealed record ContactEmailFacts(
    string CustomerName,
    string BrandName,
    string ProductTitle,
    string OrderId,
    DateTimeOffset ReviewDate,
    decimal RefundAmount,
    string Currency,
    Marketplace? Marketplace = null)
{
    /// <summary>The language of the customer's marketplace, in which every email to them is written.</summary>
    public CustomerLanguage Language => CustomerLanguage.Of(Marketplace);
}

/// <summary>Renders the fixed templates of the emails customers receive from brands (docs/PRODUCT.md#emails).</summary>
public static class ContactEmails
{
    public const string CourtesyRefund = "CourtesyRefund";
    public const string CustomerSupport = "CustomerSupport";
    public const string BrandAnswered = "BrandAnswered";

    public static string TemplateOf(ContactReason reason) => reason == ContactReason.CourtesyRefund ? CourtesyRefund : CustomerSupport;

    public static EmailKind KindOf(ContactReason reason)
        => reason == ContactReason.CourtesyRefund ? EmailKind.ContactCourtesyRefund : EmailKind.ContactCustomerSupport;

    public static RenderedEmail Render(ContactReason reason, ContactEmailFacts facts, string baseUrl)
        => EmailTemplates.Render(TemplateOf(reason), Values(facts, baseUrl), facts.Language.Code);

    public static RenderedEmail RenderBrandAnswered(ContactEmailFacts facts, string baseUrl)
        => EmailTemplates.Render(BrandAnswered, Values(facts, baseUrl), facts.Language.Code);

    /// <summary>Customers are greeted by first name; a name that is one word is used whole.</summary>
    public static string FirstName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? trimmed[..space] : trimmed;
    }

    /// <summary>Amount with two decimals and the ISO currency code, the same in every culture: "29.99 USD" (brand-side pages and the audit log).</summary>
    public static string Money(decimal amount, string currency)
        => $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency.Trim()}";

    public static string MessageCenterLink(string baseUrl) => $"{baseUrl.TrimEnd('/')}/YourAccount/MessageCenter";

    private static Dictionary<string, string> Values(ContactEmailFacts f, string baseUrl) => new()
    {
        ["CustomerFirstName"] = FirstName(f.CustomerName),
        ["BrandName"] = f.BrandName,
        ["ProductTitle"] = f.ProductTitle,
        ["OrderId"] = f.OrderId,
        ["ReviewDate"] = f.Language.Date(f.ReviewDate),
        ["RefundAmount"] = f.Language.Money(f.RefundAmount, f.Currency),
        ["MessageCenterLink"] = MessageCenterLink(baseUrl),
    };
}
