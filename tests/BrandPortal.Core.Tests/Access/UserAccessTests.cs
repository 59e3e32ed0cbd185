using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Access;

/// <summary>RepresentedBrands is computed once per record; it must follow BrandRoles and stay out of equality.</summary>
public sealed class UserAccessTests
{
    private static readonly IReadOnlyList<BrandRoleGrant> Roles =
    [
        new(1, "Acme", BrandRole.BrandRepresentative),
        new(2, "Acme Outdoors", BrandRole.Administrator),
        new(3, "Globex", BrandRole.BrandRepresentative),
    ];

    private static readonly IReadOnlyDictionary<Permission, PermissionLevel> Permissions = new Dictionary<Permission, PermissionLevel>();

    private static UserAccess User(IReadOnlyList<BrandRoleGrant> roles)
        => new(7, "rep@acme.test", 1, "Acme Trading", SellerPlan.Professional, AccountStanding.Good, null, null, false, false,
            Permissions, roles);

    [Fact]
    public void RepresentedBrands_AfterWithNewBrandRoles_FollowsTheNewRoles()
    {
        var user = User(Roles);
        user.RepresentedBrands.Select(b => b.BrandId).Should().Equal(1, 3);

        var revoked = user with { BrandRoles = [Roles[1], Roles[2]] };

        revoked.RepresentedBrands.Select(b => b.BrandId).Should().Equal(3);
        revoked.Represents(1).Should().BeFalse();
        user.RepresentedBrands.Select(b => b.BrandId).Should().Equal(1, 3);
    }

    [Fact]
    public void Equality_SameFieldsOneRepresentedBrandsRead_StillEqual()
    {
        var a = User(Roles);
        var b = User(Roles);
        _ = a.RepresentedBrands;

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a with { BrandRoles = [] }).Should().NotBe(b);
    }
}
