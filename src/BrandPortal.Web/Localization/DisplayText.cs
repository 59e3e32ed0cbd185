namespace BrandPortal.Web.Localization;

/// <summary>
/// Marker for the words <see cref="Pages.Display"/> writes on pages (contact reasons, alert frequencies, durations):
/// Resources/Localization/DisplayText.*.resx. Their English is Core's <see cref="Core.Wording"/>, which emails and
/// the CSV export keep using as it is.
/// </summary>
public sealed class DisplayText;
