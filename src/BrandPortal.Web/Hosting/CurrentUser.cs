using System.Security.Claims;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;

namespace BrandPortal.Web.Hosting;

/// <summary>The signed-in user's access for this request, loaded once by <see cref="AuthSetup"/>'s middleware.</summary>
public sealed class CurrentUser
{
    public UserAccess? Access { get; set; }
    public string? ClientIp { get; set; }

    public bool IsSignedIn => Access is not null;

    public UserAccess Required => Access ?? throw new InvalidOperationException("No user is signed in.");

    public Actor Actor => Access is { } a ? new Actor(a.UserId, a.Email, a.SellerAccountId, ClientIp) : new Actor(null, "anonymous", null, ClientIp);

    public static long? UserIdOf(ClaimsPrincipal principal)
        => long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
