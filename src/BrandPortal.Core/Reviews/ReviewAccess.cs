using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Reviews;

/// <summary>What keeps a user out of Customer Reviews (docs/PRODUCT.md#permissions); empty when they may open it.</summary>
public enum MissingReviewAccess { CustomerReviewsPermission, BrandRepresentativeRole }

public static class ReviewAccess
{
    public static IReadOnlyList<MissingReviewAccess> Missing(UserAccess user)
    {
        var missing = new List<MissingReviewAccess>(2);
        if (!user.Can(Permission.CustomerReviews, PermissionLevel.View)) missing.Add(MissingReviewAccess.CustomerReviewsPermission);
        if (user.RepresentedBrands.Count == 0) missing.Add(MissingReviewAccess.BrandRepresentativeRole);
        return missing;
    }
}
