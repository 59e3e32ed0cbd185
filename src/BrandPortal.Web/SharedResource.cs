namespace BrandPortal.Web;

/// <summary>
/// Marker for strings shown in many places (the layout, status messages, eligibility reasons). Its translations are
/// Resources/SharedResource.{de,fr,es,ja}.resx; inject <c>IStringLocalizer&lt;SharedResource&gt;</c>.
/// </summary>
public sealed class SharedResource;
