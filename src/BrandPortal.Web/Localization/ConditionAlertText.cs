namespace BrandPortal.Web.Localization;

/// <summary>
/// Marker for the condition alert messages the page model shows (the settings service's words). Translations:
/// Resources/Localization/ConditionAlertText.{de,fr,es,ja}.resx.
/// </summary>
public sealed class ConditionAlertText;
