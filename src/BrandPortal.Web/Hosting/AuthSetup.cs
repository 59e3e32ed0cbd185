using System.Security.Claims;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

public static class AuthSetup
{
    public const string SignedInPolicy = "SignedIn";
    public const string BrandUserPolicy = "BrandUser";
    public const string CustomerPolicy = "Customer";
    public const string SupportPolicy = "Support";
    public const string KindClaim = "bp:kind";

    public static void AddBrandPortalAuthentication(this IServiceCollection services)
    {
        services.AddIdentity<PortalUser, PortalRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<BrandPortalDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "bp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(SignedInPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(BrandUserPolicy, p => p.RequireClaim(KindClaim, UserKinds.Brand))
            .AddPolicy(CustomerPolicy, p => p.RequireClaim(KindClaim, UserKinds.Customer))
            .AddPolicy(SupportPolicy, p => p.RequireClaim(KindClaim, UserKinds.Support));
    }

    /// <summary>
    /// Loads the signed-in user's access from the database once per request (one SQL statement), so that permission and
    /// role changes apply at once. A user who is gone or locked out is signed out.
    /// </summary>
    public static void UseCurrentUser(this WebApplication app) => app.Use(async (context, next) =>
    {
        var current = context.RequestServices.GetRequiredService<CurrentUser>();
        current.ClientIp = context.Connection.RemoteIpAddress?.ToString();
        if (CurrentUser.UserIdOf(context.User) is { } userId)
        {
            current.Access = await context.RequestServices.GetRequiredService<AccessService>().LoadAsync(userId, context.RequestAborted);
            if (current.Access is null)
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next(context);
    });
}

public static class UserKinds
{
    public const string Brand = "brand";
    public const string Customer = "customer";
    public const string Support = "support";

    public static string Of(PortalUser user) => user.IsSupport ? Support : user.CustomerId is not null ? Customer : Brand;
}

/// <summary>The cookie carries only who the user is and what kind of user; everything that can change is read per request.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<PortalRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AuthSetup.KindClaim, UserKinds.Of(user)));
        return identity;
    }
}
