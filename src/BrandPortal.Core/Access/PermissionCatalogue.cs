using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Access;

/// <summary>One permission of the catalogue: its header, its name, what it opens and the levels it can be set to.</summary>
public sealed record PermissionEntry(Permission Permission, string Header, string Name, string Description, IReadOnlyList<PermissionLevel> Levels);

/// <summary>
/// The permission catalogue as account administrators see it (docs/PRODUCT.md#permissions), grouped by header. User Permissions has no
/// View level: holding it at View and Edit is what makes a user an account administrator, and nobody else may read the
/// account's permissions, so a read-only level would promise something that does not exist.
/// </summary>
public static class PermissionCatalogue
{
    private static readonly PermissionLevel[] AllLevels = [PermissionLevel.None, PermissionLevel.View, PermissionLevel.ViewAndEdit];

    public static IReadOnlyList<PermissionEntry> Entries { get; } =
    [
        new(Permission.CustomerReviews, "Advertising", "Customer Reviews",
            "View: read the critical reviews of the brands the user represents. View and Edit: also contact customers.", AllLevels),
        new(Permission.BuyerSellerMessages, "Messaging", "Buyer-Seller Messages",
            "View: read conversations with customers. View and Edit: also answer them.", AllLevels),
        new(Permission.UserPermissions, "Settings", "User Permissions",
            "View and Edit: manage this account's users and their permissions, invite users, read the account's audit log.",
            [PermissionLevel.None, PermissionLevel.ViewAndEdit]),
    ];

    public static IEnumerable<IGrouping<string, PermissionEntry>> ByHeader => Entries.GroupBy(e => e.Header);

    public static PermissionEntry Of(Permission permission) => Entries.Single(e => e.Permission == permission);

    public static string LevelName(PermissionLevel level) => level switch
    {
        PermissionLevel.View => "View",
        PermissionLevel.ViewAndEdit => "View and Edit",
        _ => "None",
    };

    /// <summary>True when every permission named is in the catalogue at a level it offers.</summary>
    public static bool Allows(Permission permission, PermissionLevel level)
        => Entries.Any(e => e.Permission == permission && e.Levels.Contains(level));

    /// <summary>
    /// Reads a posted form (permission name → level name). Every catalogue entry must be present at a level it offers:
    /// a partial or tampered form is refused rather than read as "None", which would silently remove permissions.
    /// </summary>
    public static (IReadOnlyDictionary<Permission, PermissionLevel>? Levels, string? Error) Parse(IReadOnlyDictionary<string, string>? form)
    {
        var (levels, refusal) = Check(form);
        return (levels, refusal?.Message);
    }

    /// <summary>As <see cref="Parse"/>, with the refusal as an <see cref="Outcome"/> whose message the portal translates.</summary>
    public static (IReadOnlyDictionary<Permission, PermissionLevel>? Levels, Outcome? Refusal) Check(IReadOnlyDictionary<string, string>? form)
    {
        var levels = new Dictionary<Permission, PermissionLevel>();
        foreach (var entry in Entries)
        {
            if (form is null || !form.TryGetValue(entry.Permission.ToString(), out var value)
                || !Enum.TryParse<PermissionLevel>(value, ignoreCase: false, out var level) || !Enum.IsDefined(level)
                || !entry.Levels.Contains(level) || value.Any(char.IsDigit))
            {
                var offered = string.Join(", ", entry.Levels.Select(LevelName));
                return (null, Outcome.RefusedFormat($"Choose a level for {entry.Name} ({offered})."));
            }
            levels[entry.Permission] = level;
        }
        return (levels, null);
    }
}
