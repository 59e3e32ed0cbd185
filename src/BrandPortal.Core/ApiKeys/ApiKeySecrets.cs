using System.Security.Cryptography;
using System.Text;

namespace BrandPortal.Core.ApiKeys;

/// <summary>
/// The shape of a key: <c>bp_live_</c>, 8 characters of visible prefix, <c>_</c>, then 32 characters of secret, all
/// from a random generator. The prefix finds the row; the SHA-256 of the whole key is what is stored and compared.
/// A fast hash is right here (unlike for passwords): the secret has 190 bits of entropy, so it cannot be guessed.
/// </summary>
public static class ApiKeySecrets
{
    public const string Start = "bp_live_";
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int PrefixChars = 8;
    private const int SecretChars = 32;
    public static readonly int PrefixLength = Start.Length + PrefixChars;
    private static readonly int KeyLength = PrefixLength + 1 + SecretChars;

    public static (string Key, string Prefix, byte[] Hash) NewKey()
    {
        var prefix = Start + RandomNumberGenerator.GetString(Alphabet, PrefixChars);
        var key = prefix + "_" + RandomNumberGenerator.GetString(Alphabet, SecretChars);
        return (key, prefix, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The visible prefix of something that has the shape of a key, or null: a malformed key costs no query.</summary>
    public static string? PrefixOf(string? key)
        => key is not null && key.Length == KeyLength && key.StartsWith(Start, StringComparison.Ordinal) && key[PrefixLength] == '_'
           && key.Remove(PrefixLength, 1).AsSpan(Start.Length).ContainsAnyExcept(Alphabet) == false
            ? key[..PrefixLength]
            : null;

    /// <summary>Constant time, so that the time of an answer tells nothing about how much of a guessed key was right.</summary>
    public static bool Matches(string key, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);
}
