using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace BrandPortal.Core.Access;

/// <summary>An email address in the one form the portal stores and looks up, or why the text is not one.</summary>
public sealed record EmailCheck(string? Address, string? Error)
{
    public bool Valid => Address is not null;
}

/// <summary>
/// The one place where an email address entering the portal (invitation, import, sign-in) is validated and brought to
/// its canonical form, so that lookalikes of an address cannot become a second user: full-width letters fold to ASCII
/// (NFKC), case folds to lower, an internationalised domain becomes punycode (so a Cyrillic "а" shows as xn--…), and
/// what a mail system would read differently from a person — control or invisible characters, a trailing dot that
/// still reaches the same mailbox, a domain without a dot — is refused rather than repaired.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;
    public const string Refused = "Enter a valid email address, e.g. name@example.com.";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public static EmailCheck Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(null, Refused);
        var trimmed = text.Trim();
        // Checked before NFKC: NFKC keeps most format characters (zero-width space, bidi controls) but an address has none.
        if (trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || IsInvisible(c)))
            return new(null, "An email address must not contain spaces, control or invisible characters.");
        var folded = trimmed.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        if (folded.Length > MaxLength) return new(null, $"An email address has at most {MaxLength} characters.");

        var at = folded.LastIndexOf('@');
        if (at <= 0 || at != folded.IndexOf('@') || at == folded.Length - 1) return new(null, Refused);
        var local = folded[..at];
        var domain = folded[(at + 1)..];
        // Non-ASCII before the @ needs SMTPUTF8 and is where lookalikes of a real name would hide; no customer needs it.
        if (local.Length > 64 || !local.All(c => c == '.' || IsAtext(c)) || local.StartsWith('.') || local.EndsWith('.') || local.Contains(".."))
            return new(null, "Use only plain letters, digits and . _ - + before the @.");
        if (domain.EndsWith('.')) return new(null, "An email address must not end with a dot.");

        string ascii;
        try { ascii = Idn.GetAscii(domain); }
        catch (ArgumentException) { return new(null, Refused); }
        // IDN mapping turns other scripts' full stops ("。") into dots: check the trailing dot once more.
        if (ascii.EndsWith('.')) return new(null, "An email address must not end with a dot.");
        if (!ascii.Contains('.')) return new(null, "The part after the @ must be a full domain, e.g. example.com.");
        var address = $"{local}@{ascii}";
        if (address.Length > MaxLength || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || parsed.DisplayName.Length > 0)
            return new(null, Refused);
        return new(address, null);
    }

    /// <summary>The key Identity stores in NormalizedEmail (its default normaliser upper-cases).</summary>
    public static string LookupKey(string address) => address.ToUpperInvariant();

    /// <summary>RFC 5322 atext: no quoted local parts, no comments, nothing outside ASCII.</summary>
    private static bool IsAtext(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
        || "!#$%&'*+-/=?^_`{|}~".Contains(c);

    private static bool IsInvisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned;
}
