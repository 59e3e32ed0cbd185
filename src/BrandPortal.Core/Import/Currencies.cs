namespace BrandPortal.Core.Import;

/// <summary>The currencies an order item may be priced in: ISO 4217 codes, the marketplaces' own first.</summary>
public static class Currencies
{
    public static readonly string[] Marketplace = ["USD", "GBP", "EUR", "JPY"];

    private static readonly HashSet<string> Known =
    [
        "USD", "GBP", "EUR", "JPY", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "MXN", "BRL", "INR", "CNY", "SGD", "AED", "SAR", "TRY", "EGP", "ZAR", "NZD", "HKD", "KRW",
    ];

    public static bool IsKnown(string code) => Known.Contains(code);
}
