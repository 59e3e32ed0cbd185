namespace BrandPortal.Web.Localization;

/// <summary>Marker for the brand dashboard's (Pages/Brands/Index) and review alerts' (Pages/Brands/Alerts) messages: Resources/Localization/DashboardText.*.resx.</summary>
public sealed class DashboardText;
