using System.Net;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Web.Tests.Pages.Admin;

/// <summary>Reads what the administration pages changed, straight from the database the portal uses.</summary>
public static class AdminTestKit
{
    public static async Task<long> UserIdAsync(this DemoPortal portal, string email)
    {
        await using var db = portal.CreateContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public static async Task<UserAccess> AccessAsync(this DemoPortal portal, string email)
    {
        var id = await portal.UserIdAsync(email);
        // The portal's own services: AccessService's compiled query belongs to the portal's model.
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AccessService>().LoadAsync(id))!;
    }

    /// <summary>The eligibility decision for the user on a critical review of the brand (the rules the Contact POST re-checks).</summary>
    public static async Task<EligibilityDecision> DecideOnBrandReviewAsync(this DemoPortal portal, string email, string brandName)
    {
        var access = await portal.AccessAsync(email);
        await using var db = portal.CreateContext();
        var reviewId = await db.Reviews.Where(r => r.Rating <= 3 && db.Brands.Any(b => b.Id == r.BrandId && b.Name == brandName))
            .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var decisions = await scope.ServiceProvider.GetRequiredService<EligibilityService>().DecideAsync(access, [reviewId]);
        return decisions[reviewId];
    }

    public static async Task<Dictionary<Permission, PermissionLevel>> PermissionsAsync(this DemoPortal portal, string email)
    {
        await using var db = portal.CreateContext();
        var id = await portal.UserIdAsync(email);
        return await db.UserPermissions.Where(p => p.UserId == id).ToDictionaryAsync(p => p.Permission, p => p.Level);
    }

    public static Task<HttpResponseMessage> SavePermissionsAsync(this PortalClient client, long userId,
        string customerReviews, string messages = "None", string userPermissions = "None", string formPage = "/Account/Login")
        => client.PostFormAsync($"/Admin/Users/{userId}", new Dictionary<string, string>
        {
            ["Levels[CustomerReviews]"] = customerReviews,
            ["Levels[BuyerSellerMessages]"] = messages,
            ["Levels[UserPermissions]"] = userPermissions,
        }, formPage);

    /// <summary>Refused: a 403 or 404 status, or a redirect to the access-denied or sign-in page; never the page itself.</summary>
    public static void ShouldBeRefused(this HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
            response.Headers.Location!.ToString().Should().MatchRegex("/Account/(AccessDenied|Login)");
        else
            response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }
}
