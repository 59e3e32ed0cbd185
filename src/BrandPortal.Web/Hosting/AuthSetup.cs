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
    public const string SignedInAtClaim = "bp:signed_in_at";

    public static DateTimeOffset? SignedInAt(ClaimsPrincipal? principal)
        => long.TryParse(principal?.FindFirstValue(SignedInAtClaim), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>Sign-ins older than this are refused whatever the activity (the idle timeout is the cookie's sliding expiry).</summary>
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(60);

    public const int PasswordHashIterations = PasswordHashing.Iterations;

    public static void AddBrandPortalAuthentication(this WebApplicationBuilder builder)
    {
        var (services, environment) = (builder.Services, builder.Environment);
        // Over plain http on loopback (development, tests) a Secure cookie would not come back; everywhere else the
        // cookie is __Host- prefixed: Secure, path /, no domain.
        var loopbackHttp = environment.IsDevelopment() || environment.IsEnvironment("Testing");
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
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddPasswordValidator<PasswordPolicy>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = loopbackHttp ? "bp.auth" : "__Host-bp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = loopbackHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = async context =>
            {
                // The cookie's issue time moves with every sliding renewal: the sign-in time travels as a claim instead.
                // Identity's SecurityStampValidator is not used: it checks only every few minutes, while UseCurrentUser
                // compares the stamp on every request within the access read it does anyway.
                if (SignedInAt(context.Principal) is not { } signedIn || DateTimeOffset.UtcNow - signedIn > AbsoluteTimeout)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(SignedInPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(BrandUserPolicy, p => p.RequireClaim(KindClaim, UserKinds.Brand))
            .AddPolicy(CustomerPolicy, p => p.RequireClaim(KindClaim, UserKinds.Customer))
            .AddPolicy(SupportPolicy, p => p.RequireClaim(KindClaim, UserKinds.Support));
    }

    /// <summary>
    /// Loads the signed-in user's access from the database once per request (one SQL statement), so that permission and
    /// role changes apply at once. A user who is gone or locked out, or whose security stamp is no longer the one the
    /// cookie was issued with (sign-out, sign out everywhere, a new password), is signed out: the session model is
    /// explained at <see cref="AccessService.LoadSessionAsync"/>.
    /// </summary>
    public static void UseCurrentUser(this WebApplication app) => app.Use(async (context, next) =>
    {
        var current = context.RequestServices.GetRequiredService<CurrentUser>();
        current.ClientIp = context.Connection.RemoteIpAddress?.ToString();
        // The error page re-runs this pipeline after a failure, most often the database being away: it renders without
        // the user's access (the plain menu) rather than failing a second time on the same database.
        var handlingError = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (!handlingError && CurrentUser.UserIdOf(context.User) is { } userId)
        {
            var stampClaim = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            current.Access = await context.RequestServices.GetRequiredService<AccessService>()
                .LoadSessionAsync(userId, context.User.FindFirstValue(stampClaim), context.RequestAborted);
            if (current.Access is null)
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next(context);
    });
}

/// <summary>
/// The cookie carries only who the user is, what kind of user, when they signed in and the security stamp it was issued
/// with (Identity adds it); everything that can change is read per request.
/// </summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<PortalRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AuthSetup.KindClaim, UserKinds.Of(user)));
        identity.AddClaim(new Claim(AuthSetup.SignedInAtClaim, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
