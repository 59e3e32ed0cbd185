namespace BrandPortal.Web.Localization;

/// <summary>
/// Marker for the words of account administration, Support's tools and Brand Registry cases that come from Core: the
/// services' status and error messages (by their English format), the permission catalogue's headers, names, levels
/// and descriptions, and the audit log's action descriptions. Translations: Resources/Localization/AdminText.*.resx.
/// </summary>
public sealed class AdminText;
