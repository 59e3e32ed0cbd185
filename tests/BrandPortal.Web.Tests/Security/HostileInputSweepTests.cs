using BrandPortal.Testing;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Feeds every query string, route value and form field of every page handler (discovered from the portal's endpoints)
/// with generated bad values, signed in as the role the page is for: never a 5xx, never the markup reflected
/// unencoded, and nothing stored where the value cannot be valid (a non-number for an id, a 20 kB string).
/// </summary>
public sealed class HostileInputSweepTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    private const string Script = "<script>alert('bp')</script>";

    /// <summary>Values no field can accept: the database must not change when only these were sent.</summary>
    private static readonly string[] Refusable =
    [
        "abc", "-1", "0", "99999999999999999999999", "1e309", "NaN", "' OR 1=1 --", "1; DROP TABLE reviews; --",
        new('A', 20_000), "../../etc/passwd", "2026-02-30", "\u0000\u0001\u0007",
    ];

    /// <summary>Values a free-text field may legitimately store (encoded), so only no-5xx and no-reflection apply.</summary>
    private static readonly string[] Hostile = [Script, "\"><img src=x onerror=alert(1)>", "line1\r\nBcc: evil@example.test", "𝕏💥\u202Eevil", "{{Name}}", " ", ""];

    private static string UserFor(PageHandler h) => h.Route switch
    {
        var r when r.StartsWith("Admin", StringComparison.Ordinal) => DemoUsers.AccountAdmin,
        var r when r.StartsWith("BrandRegistry", StringComparison.Ordinal) => DemoUsers.RegistryAdmin,
        var r when r.StartsWith("Support", StringComparison.Ordinal) => DemoUsers.Support,
        var r when r.StartsWith("YourAccount", StringComparison.Ordinal) => DemoUsers.Customer,
        _ => DemoUsers.RepTwoBrands,
    };

    [Fact]
    public async Task EveryFieldOfEveryHandler_WithBadValues_NeverFailsOrReflectsMarkup()
    {
        var handlers = PageCatalog.Discover(portal.Factory.Services)
            .Where(h => !(h.Route == "Account/Logout" && h.Verb == "POST")).ToList();
        var clients = new Dictionary<string, PortalClient>();
        var tokens = new Dictionary<string, string>();
        var failures = new List<string>();
        var requests = 0;

        foreach (var handler in handlers)
        {
            var email = UserFor(handler);
            if (!clients.TryGetValue(email, out var client))
            {
                clients[email] = client = await portal.SignInAsync(email);
                tokens[email] = await client.AntiforgeryTokenAsync("/Account/Login");
            }
            var targets = handler.RouteParameters.Select(p => (Name: p, InRoute: true))
                .Concat(handler.Values.Select(v => (v.Name, InRoute: false))).ToList();
            if (targets.Count == 0) targets.Add(("unexpected", false));

            var before = await ForeignAccount.SnapshotAsync(portal.ConnectionString);
            foreach (var refusable in new[] { true, false })
            {
                foreach (var value in refusable ? Refusable : Hostile)
                {
                    foreach (var (name, inRoute) in targets)
                    {
                        var route = handler.RouteParameters.ToDictionary(p => p, p => p == name && inRoute ? value : "1");
                        // Other fields stay empty on a POST (so only the bad value could make a change) and "1" on a GET.
                        var fields = handler.Values.ToDictionary(v => v.Name, v => v.Name == name && !inRoute ? value : handler.Verb == "POST" ? "" : "1");
                        if (!handler.Values.Any(v => v.Name == name) && !inRoute) fields[name] = value;
                        HttpResponseMessage response;
                        try
                        {
                            if (handler.Verb == "GET")
                            {
                                var url = handler.Url(route);
                                var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
                                response = await client.Http.GetAsync(url + (url.Contains('?') ? "&" : "?") + query);
                            }
                            else
                            {
                                fields["__RequestVerificationToken"] = tokens[email];
                                response = await client.Http.PostAsync(handler.Url(route), new FormUrlEncodedContent(fields));
                            }
                        }
                        catch (Exception ex) when (ex is UriFormatException || ex.Message.Contains("null characters", StringComparison.Ordinal))
                        {
                            continue; // a value that cannot even form a request line never reaches the portal (Kestrel answers 400)
                        }
                        requests++;
                        var body = await response.Content.ReadAsStringAsync();
                        if ((int)response.StatusCode >= 500) failures.Add($"{handler} {name}={Show(value)}: {(int)response.StatusCode}");
                        if (body.Contains(Script, StringComparison.Ordinal) || body.Contains("<img src=x onerror", StringComparison.Ordinal))
                            failures.Add($"{handler} {name}={Show(value)}: markup reflected unencoded");
                    }
                }
                if (refusable && handler.Verb == "POST" && handler.Route != "Account/Login"
                    && await ForeignAccount.SnapshotAsync(portal.ConnectionString) != before)
                    failures.Add($"{handler}: values no field can accept changed the database");
            }
        }

        output.WriteLine($"{requests} requests over {handlers.Count} handlers; {failures.Count} failures");
        failures.Should().BeEmpty();
        requests.Should().BeGreaterThanOrEqualTo(1000, "the issue asks for at least a thousand hostile requests");
    }

    private static string Show(string v) => v.Length > 30 ? $"{v[..12]}…({v.Length} chars)" : v.Replace("\r", "\\r").Replace("\n", "\\n");
}
