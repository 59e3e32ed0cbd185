using BrandPortal.Core;
using BrandPortal.Web.Pages;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>
/// Puts a service's <see cref="Outcome"/> into the reader's language before the page shows it. Core writes English
/// (it knows nothing of requests or cultures); Web looks the message up by its English text, or by its English format
/// when it carries values, and writes the values the way the reader's language does. Rules broken (a refused answer's
/// guideline findings) are looked up the same way; what the user wrote (the excerpt found) stays as written.
/// </summary>
public static class OutcomeTranslation
{
    public static Outcome Translate(this Outcome outcome, IStringLocalizer text) => outcome with
    {
        Message = outcome.Format is { } format ? text[format, outcome.Args.Select(Value).ToArray()].Value
            : outcome.Message is { } message ? text[message].Value : null,
        Reasons = outcome.Reasons.Select(r => r with { Title = text[r.Title].Value, Detail = text[r.Detail].Value }).ToList(),
    };

    /// <summary>
    /// A time in a message is a day, written by the culture-aware display helper; a refund's amount is written as the
    /// customer's emails write money in that language (only customers accept refunds).
    /// </summary>
    private static object Value(object value) => value switch
    {
        DateTimeOffset at => Display.Day(at),
        BrandPortal.Core.Messaging.RefundAmount money => CustomerMoney.Write(money.Amount, money.Currency),
        _ => value,
    };
}
