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
