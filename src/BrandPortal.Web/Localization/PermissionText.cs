using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>
/// The permission catalogue's words as pages show them (Resources/Localization/PermissionText.*.resx): a permission's
/// name and header and a level's name, looked up by Core's English (<see cref="PermissionCatalogue"/>).
/// </summary>
public sealed class PermissionText
{
    public static string Name(IStringLocalizer<PermissionText> S, Permission permission) => S[PermissionCatalogue.Of(permission).Name];

    public static string Header(IStringLocalizer<PermissionText> S, Permission permission) => S[PermissionCatalogue.Of(permission).Header];

    public static string Level(IStringLocalizer<PermissionText> S, PermissionLevel level) => S[PermissionCatalogue.LevelName(level)];
}
