using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Access;

public sealed class PermissionCatalogueTests
{
    [Fact]
    public void Catalogue_GroupsEveryPermissionUnderItsHeader()
    {
        PermissionCatalogue.ByHeader.Select(g => (g.Key, g.Single().Name)).Should().Equal(
            ("Advertising", "Customer Reviews"), ("Messaging", "Buyer-Seller Messages"), ("Settings", "User Permissions"));
        PermissionCatalogue.Entries.Select(e => e.Permission).Should().BeEquivalentTo(Enum.GetValues<Permission>());
    }

    [Theory]
    [InlineData("ViewAndEdit", "View", "ViewAndEdit", true)]
    [InlineData("None", "None", "None", true)]
    [InlineData("View", "View", "View", false)] // User Permissions has no View level
    [InlineData("viewandedit", "None", "None", false)]
    [InlineData("2", "None", "None", false)]
    [InlineData("Bogus", "None", "None", false)]
    [InlineData(null, "None", "None", false)]
    public void Parse_Form_AcceptsOnlyCompleteCatalogueLevels(string? reviews, string messages, string users, bool ok)
    {
        var form = new Dictionary<string, string> { ["BuyerSellerMessages"] = messages, ["UserPermissions"] = users };
        if (reviews is not null) form["CustomerReviews"] = reviews;
        var (levels, error) = PermissionCatalogue.Parse(form);
        (levels is not null).Should().Be(ok);
        (error is null).Should().Be(ok);
    }
}
