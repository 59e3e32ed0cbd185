using BrandPortal.Testing;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Every routable page and handler (discovered from the portal's endpoints, so new pages are covered automatically),
/// tried by every demo role of Acme Trading and by a customer with the ids of Globex Retail's brands, reviews,
/// contacts, refunds, threads, messages, users, invitations and cases, each carrying a marker. Every other value of the
/// request is valid (the form as the page's own user gets it, the sender's antiforgery token), so the request gets as
/// far as the ownership check: no marker appears in any response, nothing in any table changes, and the handlers the
/// user's role may open are reached (the probe says so).
/// </summary>
public sealed class TenantIsolationSweepTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    public static TheoryData<string> Users => new()
    {
        DemoUsers.RepTwoBrands, DemoUsers.RepOneBrand, DemoUsers.Viewer, DemoUsers.NoPermission, DemoUsers.AccountAdmin,
        DemoUsers.RegistryAdmin, DemoUsers.RepUnregistered, DemoUsers.Customer,
    };

    private static (ForeignAccount Foreign, SweepWorld World)? _setup;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private async Task<(ForeignAccount Foreign, SweepWorld World)> SetupAsync()
    {
        await Gate.WaitAsync();
        try { return _setup ??= (await ForeignAccount.PlantAsync(portal), await SweepWorld.BuildAsync(portal)); }
        finally { Gate.Release(); }
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task EveryHandler_WithAnotherAccountsIds_ShowsAndChangesNothingOfIt(string email)
    {
        var (foreign, world) = await SetupAsync();
        await world.ClientAsync(email);
        var swept = world.Handlers.Where(Sweeps).ToList();
        // The valid forms are read first, as each page's own user: opening their pages may mark their messages read,
        // which is their doing, not this sweep's, and must happen before the "nothing changed" snapshot.
        var valids = new Dictionary<PageHandler, (string Url, List<KeyValuePair<string, string>> Fields)?>();
        foreach (var handler in swept) valids[handler] = await world.ValidRequestAsync(SweepWorld.OwnerOf(handler), handler);
        var before = await ForeignAccount.SnapshotAsync(portal.ConnectionString);
        int sent = 0, reached = 0;
        var failures = new List<string>();
        var unreached = new List<string>();

        foreach (var handler in swept)
        {
            var idValues = handler.Values.Where(v => v.IsId).ToList();
            if (handler.RouteParameters.Count == 0 && idValues.Count == 0 && handler.Verb == "POST") continue; // nothing of another account to name
            // One request per foreign id of the kind each named value holds (the route's id, then each id field).
            var named = handler.RouteParameters.Select(p => (Name: p, InRoute: true)).Concat(idValues.Select(v => (v.Name, InRoute: false))).ToList();
            var attempts = named.SelectMany(n => foreign.IdsFor(handler, n.Name).Select(id => (n.Name, n.InRoute, Id: id))).ToList();
            if (attempts.Count == 0) attempts.Add(("", false, 0L));
            // The form as the page's own user gets it with their own objects: only the id is another account's.
            var valid = valids[handler];
            var form = valid?.Fields ?? [];
            var ownUrl = valid?.Url;
            var beforeHandler = handler.Verb == "POST" ? await ForeignAccount.SnapshotAsync(portal.ConnectionString) : null;
            var handlerReached = 0;
            foreach (var (name, inRoute, id) in attempts)
            {
                // Route values not under attack keep the page's own (valid) ones; a handler with one route value has no other.
                var route = handler.RouteParameters.ToDictionary(p => p, p => p == name && inRoute ? id.ToString() : OwnRouteValue(handler, ownUrl, p) ?? id.ToString());
                var fields = form.Where(f => !(f.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && !inRoute)).ToList();
                if (!inRoute && name.Length > 0) fields.Add(new(name, id.ToString()));
                var (response, hit) = await world.SendAsync(email, handler.Verb, handler.Url(route), fields, handler);
                sent++;
                if (hit) { reached++; handlerReached++; }
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500) failures.Add($"{handler} {name}={id}: {(int)response.StatusCode}");
                foreach (var marker in ForeignAccount.Markers)
                    if (body.Contains(marker, StringComparison.Ordinal)) failures.Add($"{handler} {name}={id}: shows '{marker}'");
            }
            if (beforeHandler is not null)
            {
                var after = await ForeignAccount.SnapshotAsync(portal.ConnectionString);
                if (after != beforeHandler) failures.Add($"{handler}: changed {string.Join(", ", DatabaseSnapshot.Changed(beforeHandler, after))}");
            }
            // The page's own user passes every check but ownership: each of its handlers must be reached.
            if (handlerReached == 0 && SweepWorld.OwnerOf(handler) == email && SweepWorld.ServedInTesting(handler))
                unreached.Add(handler.ToString());
        }

        output.WriteLine($"{email}: {sent} requests sent over {world.Handlers.Count} handlers; {reached} reached their handler; {failures.Count} failures");
        output.WriteLine(string.Join("\n", failures.Take(100)));
        failures.Should().BeEmpty();
        unreached.Should().BeEmpty("the requests of the page's own user get as far as the handler's ownership check");
        (await ForeignAccount.SnapshotAsync(portal.ConnectionString)).Should().Be(before, "requests naming another account's objects change nothing");
        sent.Should().BeGreaterThan(5);
    }

    /// <summary>The handlers this sweep tries: every page but the sign-in pages (there is no account yet to cross).</summary>
    public static bool Sweeps(PageHandler h) => h.IsPage && !h.Route.StartsWith("Account/", StringComparison.Ordinal);

    private static string? OwnRouteValue(PageHandler handler, string? ownUrl, string parameter)
    {
        if (ownUrl is null) return null;
        var template = handler.Route.Split('/');
        var actual = ownUrl.Split('?')[0].TrimStart('/').Split('/');
        for (var i = 0; i < template.Length && i < actual.Length; i++)
            if (template[i].StartsWith("{" + parameter, StringComparison.Ordinal)) return actual[i];
        return null;
    }
}
