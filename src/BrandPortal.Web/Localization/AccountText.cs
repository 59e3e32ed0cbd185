using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>
/// Marker for the sign-in and invitation messages (Resources/Localization/AccountText.*.resx). Core answers in English
/// (SignInService, InvitationService, PasswordPolicy); the pages look the sentence up here by its English text, and the
/// few with a value in them by their pattern.
/// </summary>
public sealed partial class AccountText
{
    public static string Translate(IStringLocalizer<AccountText> S, string english)
    {
        if (LengthRule().Match(english) is { Success: true } length)
            return length.Groups[1].Value == "least" ? S["Choose a password of at least {0} characters.", length.Groups[2].Value]
                : S["Choose a password of at most {0} characters.", length.Groups[2].Value];
        if (ContextRule().Match(english) is { Success: true } context)
            return S["The password must not contain {0}; choose another.", S[context.Groups[1].Value].Value];
        return S[english];
    }

    [GeneratedRegex(@"^Choose a password of at (least|most) (\d+) characters\.$")]
    private static partial Regex LengthRule();

    [GeneratedRegex(@"^The password must not contain (.+); choose another\.$")]
    private static partial Regex ContextRule();
}
