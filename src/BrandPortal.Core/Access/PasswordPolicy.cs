using System.Text;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Access;

/// <summary>
/// The portal's password rules beyond Identity's length (12+), as OWASP ASVS asks: not on the shipped list of common
/// passwords (Access/common-passwords.txt, embedded), not one or two characters repeated, and no context words — the
/// email, its local part, the user's name or "brandportal" — compared case-insensitively after NFKC, with and without
/// the separators between letters (so "Brand-Portal-2026" is refused too). Identity runs it for every password it sets;
/// the invitation page, which sets the first password itself, runs it through <see cref="CheckAsync"/>.
/// </summary>
public sealed class PasswordPolicy(BrandPortalDbContext db) : IPasswordValidator<PortalUser>
{
    public const string ProductWord = "brandportal";

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("BrandPortal.Core.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim());
        return set;
    });

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    public async Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        var errors = await CheckAsync(user, password);
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    public async Task<IReadOnlyList<IdentityError>> CheckAsync(PortalUser user, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(password)) return [];
        var errors = new List<IdentityError>();
        if (IsCommon(password) || IsCommon(password.TrimEnd('!', '1', '.', '?')))
            errors.Add(new IdentityError { Code = "CommonPassword", Description = "This password is on the list of commonly used passwords; choose another." });
        if (password.Distinct().Count() <= 2)
            errors.Add(new IdentityError { Code = "RepeatedPassword", Description = "This password repeats the same characters; choose another." });
        var name = user.Customer?.Name ?? (user.CustomerId is { } customerId
            ? await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(ct)
            : null);
        if (ContextWordIn(password, user.Email ?? user.UserName, name) is { } word)
            errors.Add(new IdentityError { Code = "PasswordContainsContext", Description = $"The password must not contain {word}; choose another." });
        return errors;
    }

    /// <summary>Which context word the password contains, in words for the page, or null.</summary>
    public static string? ContextWordIn(string password, string? email, string? name)
    {
        var folded = Fold(password);
        var compact = LettersAndDigits(folded);
        bool Contains(string word) => word.Length > 0 && (folded.Contains(word, StringComparison.Ordinal)
            || (LettersAndDigits(word) is { Length: > 0 } w && compact.Contains(w, StringComparison.Ordinal)));

        if (Contains(ProductWord)) return "the name BrandPortal";
        if (!string.IsNullOrEmpty(email))
        {
            var address = Fold(email);
            if (Contains(address)) return "your email address";
            var local = address.Split('@')[0];
            // A short local part ("jo@…", "rep@…") inside a word is common: it is refused only as the whole password.
            if (local.Length >= 4 ? Contains(local) : local.Length > 0 && compact == LettersAndDigits(local)) return "the name of your email address";
        }
        if (!string.IsNullOrWhiteSpace(name))
        {
            var full = Fold(name);
            if (LettersAndDigits(full).Length >= 3 && Contains(full)) return "your name";
            if (full.Split([' ', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries).Any(part => part.Length >= 4 && Contains(part)))
                return "your name";
        }
        return null;
    }

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Trim();

    private static string LettersAndDigits(string text) => string.Concat(text.Where(char.IsLetterOrDigit));
}
