namespace BrandPortal.Web.Localization;

/// <summary>
/// The English formats of the refusal reasons Core writes with values inside (webhook subscriptions, API keys): the
/// API returns that English, the pages show it in the reader's language by these formats (AdminText has their
/// translations). A sentence Core gains without a format here is shown as Core wrote it.
/// </summary>
public static class ReasonFormats
{
    public static readonly EnglishFormats Formats = new([],
    [
        new("The host {0} could not be found.", ArgKind.Name),
        new("The host {0} is a loopback, private or link-local address; webhooks go to public https addresses only.", ArgKind.Name),
        new("The URL's host could not be looked up within {0} seconds; check its name.", ArgKind.Number),
        new("Choose at least one event: {0}.", ArgKind.Name),
        new("\"{0}\" is not an event type; choose from {1}.", ArgKind.Name, ArgKind.Name),
        new("\"{0}\" is listed twice.", ArgKind.Name),
        new("Choose at least one scope: {0}.", ArgKind.Name),
        new("A account key cannot have the scope \"{0}\"; it may have {1}.", ArgKind.Name, ArgKind.Name),
        new("A platform key cannot have the scope \"{0}\"; it may have {1}.", ArgKind.Name, ArgKind.Name),
        new("Give the key a name of 1 to {0} characters that says where it is used.", ArgKind.Number),
    ]);
}
