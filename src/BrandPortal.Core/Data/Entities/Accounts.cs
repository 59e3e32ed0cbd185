using Microsoft.AspNetCore.Identity;

namespace BrandPortal.Core.Data.Entities;

public sealed class SellerAccount
{
    public long Id { get; set; }
    public required string ExternalId { get; set; }
    public required string Name { get; set; }
    public SellerPlan Plan { get; set; }
    public AccountStanding Standing { get; set; }
    public List<BrandSeller> Brands { get; set; } = [];
}

public sealed class Brand
{
    public long Id { get; set; }
    public required string ExternalId { get; set; }
    public required string Name { get; set; }
    public bool Registered { get; set; }
    public List<BrandSeller> Sellers { get; set; } = [];
}

/// <summary>Association of a brand with a seller account that may sell it.</summary>
public sealed class BrandSeller
{
    public long BrandId { get; set; }
    public Brand? Brand { get; set; }
    public long SellerAccountId { get; set; }
    public SellerAccount? SellerAccount { get; set; }
}

/// <summary>
/// A person who signs in: a brand user of a seller account, a Support operator, or a customer.
/// Brand users carry a seller account; customers carry a <see cref="Customer"/>.
/// </summary>
public sealed class PortalUser : IdentityUser<long>
{
    public long? SellerAccountId { get; set; }
    public SellerAccount? SellerAccount { get; set; }
    public long? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public bool IsAccountAdmin { get; set; }
    public bool IsSupport { get; set; }
    /// <summary>Bumped on every change of permissions or roles; the sign-in cookie carries the value it was issued with.</summary>
    public int AccessVersion { get; set; }
    /// <summary>"Email me when a review is assigned to me" (on /Brands/Alerts); on unless the user turned it off.</summary>
    public bool EmailWhenAssigned { get; set; } = true;
    /// <summary>
    /// The language the user chose for the portal's pages ("de"), or null: then the browser's language (and for a
    /// customer, their marketplace's) decides. A culture name the portal offers; see <see cref="Access.UserLanguage"/>.
    /// </summary>
    public string? Language { get; set; }
    public List<UserPermission> Permissions { get; set; } = [];
    public List<UserBrandRole> BrandRoles { get; set; } = [];
}

public sealed class PortalRole : IdentityRole<long>;

public sealed class UserPermission
{
    public long UserId { get; set; }
    public Permission Permission { get; set; }
    public PermissionLevel Level { get; set; }
}

public sealed class UserBrandRole
{
    public long UserId { get; set; }
    public long BrandId { get; set; }
    public Brand? Brand { get; set; }
    public BrandRole Role { get; set; }
}
