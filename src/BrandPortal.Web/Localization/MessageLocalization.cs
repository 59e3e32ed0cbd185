using BrandPortal.Core;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>How the portal shows a service's English message in the reader's language.</summary>
public static class MessageLocalization
{
    /// <summary>
    /// Translates the message's format and fills in its values. A value that is itself one of the resource's words
    /// (an enum such as a plan or a case state, "yes", "none", a fixed sentence a service passes along) is translated
    /// too; names, emails and ids are not keys and stay as they are. A format without a translation reads as in English.
    /// </summary>
    public static string Say(this IStringLocalizer localizer, MessageTemplate template)
    {
        var args = template.Args.Select(a => a switch
        {
            Enum e => Word(localizer, e.ToString()),
            string s => Word(localizer, s),
            null => "",
            _ => a,
        }).ToArray();
        return localizer[template.Format, args].Value;
    }

    private static object Word(IStringLocalizer localizer, string word)
        => word.Length > 0 && localizer[word] is { ResourceNotFound: false } found ? found.Value : word;

    /// <summary>The rules a refused change broke, with their title and detail translated where the resource has them.</summary>
    public static IReadOnlyList<OutcomeReason> Say(this IStringLocalizer localizer, IReadOnlyList<OutcomeReason> reasons)
        => reasons.Select(r => r with { Title = localizer[r.Title].Value, Detail = localizer[r.Detail].Value }).ToList();
}
