namespace BrandPortal.Core.Data.Entities;

/// <summary>Whom an API key acts for: one seller account, or the marketplace's own systems (the platform).</summary>
public enum ApiKeyKind { Account, Platform }

/// <summary>
/// A key for <c>/api/v1</c>. Only the SHA-256 hash of the whole key is stored: the key itself is shown once, when it
/// is made, and cannot be read back. The visible prefix finds the row; the hash proves the rest.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public ApiKeyKind Kind { get; set; }
    /// <summary>The account an account key acts for; null for a platform key.</summary>
    public long? SellerAccountId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first part of the key (<c>bp_live_</c> and 8 characters), shown in lists and used to revoke it.</summary>
    public required string Prefix { get; set; }
    public required byte[] SecretHash { get; set; }
    public List<string> Scopes { get; set; } = [];
    /// <summary>The user who made it; null when the CLI made it (then <see cref="CreatedBy"/> says so).</summary>
    public long? CreatedByUserId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
