namespace BrandPortal.Web.Localization;

/// <summary>Marker for the error page's titles and explanations (Resources/Localization/ErrorText.*.resx).</summary>
public sealed class ErrorText;
