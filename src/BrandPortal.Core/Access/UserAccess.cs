using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Access;

/// <summary>
/// What the signed-in user may see and do, read fresh from the database on every request so that a change of
/// permissions or roles applies to the user's next request without a sign-out.
/// </summary>
public sealed record UserAccess(
    long UserId,
    string Email,
    long? SellerAccountId,
    string? SellerAccountName,
    SellerPlan? SellerPlan,
    AccountStanding? SellerStanding,
    long? CustomerId,
    string? CustomerName,
    bool IsAccountAdmin,
    bool IsSupport,
    IReadOnlyDictionary<Permission, PermissionLevel> Permissions,
    IReadOnlyList<BrandRoleGrant> BrandRoles)
{
    private readonly IReadOnlyList<BrandRoleGrant> brandRoles = BrandRoles;
    private readonly Derived derived = new(BrandRoles);

    /// <summary>Setting it (the constructor, or <c>with { BrandRoles = … }</c>) recomputes what is derived from it.</summary>
    public IReadOnlyList<BrandRoleGrant> BrandRoles
    {
        get => brandRoles;
        init
        {
            brandRoles = value;
            derived = new Derived(value);
        }
    }

    public bool IsBrandUser => SellerAccountId is not null;
    public bool IsCustomer => CustomerId is not null;

    /// <summary>The language the user chose for the pages ("de"), null when they did not choose one.</summary>
    public string? Language { get; init; }

    /// <summary>A customer's marketplace (of their latest order), whose language their pages default to, as their emails are written.</summary>
    public Marketplace? CustomerMarketplace { get; init; }

    public PermissionLevel Level(Permission permission) => Permissions.GetValueOrDefault(permission, PermissionLevel.None);

    public bool Can(Permission permission, PermissionLevel atLeast) => Level(permission) >= atLeast;

    /// <summary>Computed once per record: a page asks for it several times, and an agency's list has 500 entries.</summary>
    public IReadOnlyList<BrandRoleGrant> RepresentedBrands => derived.RepresentedBrands;

    public bool Represents(long brandId) => BrandRoles.Any(r => r.BrandId == brandId && r.Role == BrandRole.BrandRepresentative);

    public bool AdministersBrand(long brandId) => BrandRoles.Any(r => r.BrandId == brandId && r.Role == BrandRole.Administrator);

    /// <summary>The Customer Reviews menu item shows only when both halves hold (docs/PRODUCT.md#permissions).</summary>
    public bool SeesCustomerReviews => Can(Permission.CustomerReviews, PermissionLevel.View) && RepresentedBrands.Count > 0;

    public bool SeesMessages => Can(Permission.BuyerSellerMessages, PermissionLevel.View) && RepresentedBrands.Count > 0;

    public bool ManagesUsers => IsBrandUser && IsAccountAdmin && Can(Permission.UserPermissions, PermissionLevel.ViewAndEdit);

    public bool IsBrandRegistryAdmin => BrandRoles.Any(r => r.Role == BrandRole.Administrator);

    /// <summary>
    /// What follows from <see cref="BrandRoles"/> alone. Equal to any other <see cref="Derived"/>: the record's equality
    /// compares BrandRoles already, and a list built per record must not make two equal records unequal.
    /// </summary>
    private sealed class Derived(IReadOnlyList<BrandRoleGrant> roles)
    {
        public IReadOnlyList<BrandRoleGrant> RepresentedBrands { get; } = roles.Where(r => r.Role == BrandRole.BrandRepresentative).ToList();

        public override bool Equals(object? obj) => obj is Derived;

        public override int GetHashCode() => 0;
    }
}

public sealed record BrandRoleGrant(long BrandId, string BrandName, BrandRole Role);
