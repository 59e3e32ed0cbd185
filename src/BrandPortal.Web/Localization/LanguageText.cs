namespace BrandPortal.Web.Localization;

/// <summary>Marker for the language choice's messages (Pages/Account/Language): Resources/Localization/LanguageText.*.resx.</summary>
public sealed class LanguageText;
