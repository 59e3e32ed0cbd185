using BrandPortal.Testing;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>The demo portal with the test-only pseudo culture (qps-ploc) turned on.</summary>
public sealed class PseudoPortal : DemoPortal
{
    public const string Culture = "qps-ploc";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Localization:PseudoCulture"] = "true",
    };

    /// <summary>Chooses a language the way a person does: the footer's switcher (this browser's cookie, and the user's stored language).</summary>
    public static async Task ChooseAsync(PortalClient client, string culture)
    {
        var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["Language"] = culture, ["back"] = "/Account/Language" });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Choosing {culture} answered {(int)response.StatusCode}");
    }
}
