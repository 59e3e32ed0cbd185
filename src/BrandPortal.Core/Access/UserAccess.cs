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
    public bool IsBrandUser => SellerAccountId is not null;
    public bool IsCustomer => CustomerId is not null;

    /// <summary>The language the user chose for the pages ("de"), null when they did not choose one.</summary>
    public string? Language { get; init; }

    /// <summary>A customer's marketplace (of their latest order), whose language their pages default to, as their emails are written.</summary>
    public Marketplace? CustomerMarketplace { get; init; }

    public PermissionLevel Level(Permission permission) => Permissions.GetValueOrDefault(permission, PermissionLevel.None);

    public bool Can(Permission permission, PermissionLevel atLeast) => Level(permission) >= atLeast;

    public IReadOnlyList<BrandRoleGrant> RepresentedBrands =>
        BrandRoles.Where(r => r.Role == BrandRole.BrandRepresentative).ToList();

    public bool Represents(long brandId) => BrandRoles.Any(r => r.BrandId == brandId && r.Role == BrandRole.BrandRepresentative);

    public bool AdministersBrand(long brandId) => BrandRoles.Any(r => r.BrandId == brandId && r.Role == BrandRole.Administrator);

    /// <summary>The Customer Reviews menu item shows only when both halves hold (docs/PRODUCT.md#permissions).</summary>
    public bool SeesCustomerReviews => Can(Permission.CustomerReviews, PermissionLevel.View) && RepresentedBrands.Count > 0;

    public bool SeesMessages => Can(Permission.BuyerSellerMessages, PermissionLevel.View) && RepresentedBrands.Count > 0;

    public bool ManagesUsers => IsBrandUser && IsAccountAdmin && Can(Permission.UserPermissions, PermissionLevel.ViewAndEdit);

    public bool IsBrandRegistryAdmin => BrandRoles.Any(r => r.Role == BrandRole.Administrator);
}

public sealed record BrandRoleGrant(long BrandId, string BrandName, BrandRole Role);
