namespace BrandPortal.Web.Localization;

/// <summary>
/// Marker for the messaging services' words shown to users: the outcomes of answering, replying, accepting and blocking,
/// and the guideline checker's findings. English (as Core writes it) is the key; the translations are
/// Resources/Localization/MessagingText.{de,fr,es,ja}.resx.
/// </summary>
public sealed class MessagingText;
