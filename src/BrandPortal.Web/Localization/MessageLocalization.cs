using BrandPortal.Core;
using BrandPortal.Web.Pages;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>How the administration pages show a service's English message in the reader's language.</summary>
public static class MessageLocalization
{
    /// <summary>
    /// The outcome's message: by its English format when it carries values (see <see cref="Outcome.Format"/>), else by
    /// its text. A value that is itself one of the resource's words (an enum such as a plan or a case state, "yes", a
    /// fixed sentence a service passes along) is translated too; names, emails and ids are not keys and stay as they
    /// are. A message without a translation reads as in English.
    /// </summary>
    public static string? Say(this IStringLocalizer localizer, Outcome outcome)
        => outcome.Format is { } format ? Say(localizer, format, outcome.Args)
            : outcome.Message is { } message ? localizer[message].Value : null;

    /// <summary>A message a service returned as a format and its values (e.g. the audit filter's errors).</summary>
    public static string Say(this IStringLocalizer localizer, MessageTemplate template) => Say(localizer, template.Format, template.Args);

    private static string Say(IStringLocalizer localizer, string format, IEnumerable<object?> values)
    {
        var args = values.Select(a => a switch
        {
            null => "",
            Enum e => Word(localizer, e.ToString()),
            string s => Word(localizer, s),
            DateTimeOffset at => Display.Day(at),
            _ => a,
        }).ToArray();
        return localizer[format, args].Value;
    }

    private static object Word(IStringLocalizer localizer, string word)
        => word.Length > 0 && localizer[word] is { ResourceNotFound: false } found ? found.Value : word;

    /// <summary>The rules a refused change broke, with their title and detail translated where the resource has them.</summary>
    public static IReadOnlyList<OutcomeReason> Say(this IStringLocalizer localizer, IReadOnlyList<OutcomeReason> reasons)
        => reasons.Select(r => r with { Title = localizer[r.Title].Value, Detail = Detail(localizer, r.Detail) }).ToList();

    /// <summary>
    /// A reason's detail: by its text when it is a fixed sentence, else by the English format Core wrote it with
    /// (<see cref="ReasonFormats"/>), its values (a host, an event type the user sent) passed along as they are.
    /// </summary>
    private static string Detail(IStringLocalizer localizer, string english)
        => localizer[english] is { ResourceNotFound: false } found ? found.Value
            : ReasonFormats.Formats.Match(english) is { } m ? Say(localizer, m.Format, m.Values) : english;
}
