using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace BrandPortal.Core.Access;

public static class PasswordHashing
{
    /// <summary>OWASP's current figure for PBKDF2-HMAC-SHA512, which Identity's v3 hashes use.</summary>
    public const int Iterations = 210_000;

    public static PasswordHasher<PortalUser> Hasher { get; } =
        new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));
}

/// <summary>
/// Refuses passwords that are on the shipped list of common passwords (Access/common-passwords.txt, embedded),
/// that contain the user's email name, or that are one character repeated. Length (12+) is Identity's own rule.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("BrandPortal.Core.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim());
        return set;
    });

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        var errors = new List<IdentityError>();
        if (IsCommon(password) || IsCommon(password.TrimEnd('!', '1', '.', '?')))
            errors.Add(new IdentityError { Code = "CommonPassword", Description = "This password is on the list of commonly used passwords; choose another." });
        if (password.Distinct().Count() <= 2)
            errors.Add(new IdentityError { Code = "RepeatedPassword", Description = "This password repeats the same characters; choose another." });
        var local = user.Email?.Split('@')[0];
        if (local is { Length: >= 4 } && password.Contains(local, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordContainsEmail", Description = "The password must not contain your email name." });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
