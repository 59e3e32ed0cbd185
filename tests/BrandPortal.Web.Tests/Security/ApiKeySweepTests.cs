using System.Net;
using System.Text.RegularExpressions;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Api;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Every route under /api/v1 (discovered from the portal's endpoint data; <see cref="ApiCalls.Table"/> says how to call
/// each) tried with every kind of key: none, malformed, unknown, revoked (401 with a Bearer challenge, the endpoint never
/// runs), each rightful key with all its scopes (2xx) and without the scope the route's policy requires (403 naming
/// it), the wrong kind of key (403), and the other account's or the platform's objects (404 from the endpoint, none of
/// their data in the answer). The probe says which requests reached the endpoint; the counts must match.
/// </summary>
public sealed class ApiKeySweepTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    private enum Expect { Ok, Unauthorized, MissingScope, WrongKind, NotFound }

    [Fact]
    public void EveryApiRoute_HasAnEntryInTheSweepTable()
    {
        var routes = ApiCalls.Discover(portal.Factory.Services).Select(r => r.Key).ToList();

        string.Join(", ", routes.Where(r => !ApiCalls.Table.ContainsKey(r))).Should().BeEmpty("every /api/v1 route needs a line in ApiCalls.Table saying how to call it");
        ApiCalls.Table.Keys.Where(k => !routes.Contains(k)).Should().BeEmpty("every line of ApiCalls.Table names a route the portal maps");
        routes.Should().Contain(["GET /api/v1/reviews", "GET /api/v1/reviews/{id}", "GET /api/v1/contacts"]);
    }

    [Fact]
    public async Task EveryApiRoute_WithEveryKindOfKey_AnswersOnlyTheRightfulKeyWithItsOwnObjects()
    {
        var world = await ApiWorld.BuildAsync(portal);
        // Lists last, so that they are read when every other route has made its objects.
        var routes = ApiCalls.Discover(portal.Factory.Services).OrderBy(r => r.Verb == "GET" && !r.Pattern.Contains('{')).ToList();
        var failures = new List<string>();
        var counts = new Dictionary<Expect, int>();
        int sent = 0, reached = 0, meantToReach = 0;
        var reachedRoutes = new HashSet<string>();

        foreach (var route in routes)
        {
            if (!ApiCalls.Table.TryGetValue(route.Key, out var call)) { failures.Add($"{route}: no line in ApiCalls.Table says how to call it"); continue; }
            if (call.For == KeyKinds.Anonymous)
            {
                if (!route.Anonymous) failures.Add($"{route}: the table calls it public but its endpoint requires a key");
                foreach (var key in new[] { null, "not-a-key", ApiWorld.UnknownKey(), await world.KeyAsync(Holder.AccountA), await world.KeyAsync(Holder.Platform) })
                {
                    var (response, _) = await world.SendAsync(key, route.Verb, Url(route, call, ""), call.Body?.Invoke(""), route);
                    sent++;
                    if (!response.IsSuccessStatusCode) failures.Add($"{route} (public) with key '{key}': {(int)response.StatusCode}");
                }
                continue;
            }
            if (route.Anonymous) failures.Add($"{route}: anyone may call it, but the table says it needs a key");

            var rightful = new List<Holder>();
            if (call.For.HasFlag(KeyKinds.Account)) rightful.Add(Holder.AccountA);
            if (call.For.HasFlag(KeyKinds.Platform)) rightful.Add(Holder.Platform);
            async Task<string?> IdOf(Holder h) => call.Id is null ? "" : await call.Id(world, h);

            async Task Check(string what, string? key, Holder? caller, string? id, Expect expect)
            {
                if (id is null) return;
                var body = call.Body?.Invoke(id);
                var (response, hit) = await world.SendAsync(key, route.Verb, Url(route, call, id), body, route);
                sent++;
                counts[expect] = counts.GetValueOrDefault(expect) + 1;
                if (hit) { reached++; reachedRoutes.Add(route.Key); }
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var label = $"{route} {what}";
                var ok = expect switch
                {
                    Expect.Ok => status is >= 200 and < 300,
                    Expect.Unauthorized => status == 401 && response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"),
                    Expect.MissingScope => status == 403 && route.Scopes.Any(s => text.Contains($"\"{s}\"", StringComparison.Ordinal)),
                    Expect.WrongKind => status == 403,
                    _ => status == 404,
                };
                if (!ok) failures.Add($"{label}: expected {expect}, got {status} {Short(text)}");
                if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{label}: {status} is not problem details");
                // The endpoint runs for the rightful key and for another's object (its ownership check answers 404);
                // authentication and authorization stop everything else before it.
                var mustReach = expect is Expect.Ok or Expect.NotFound;
                if (mustReach) meantToReach++;
                if (mustReach && !hit) failures.Add($"{label}: answered {status} without reaching the endpoint");
                if (!mustReach && expect != Expect.WrongKind && hit) failures.Add($"{label}: the endpoint ran for a refused key");
                if (caller is { } c && world.ForeignDataIn(c, text) is { } leak) failures.Add($"{label}: shows the other account's '{leak}'");
                // What a holder makes on a route accounts use (a subscription) is its own: no other holder may see its id.
                if (ok && caller is { } maker && route.Verb == "POST" && call.For.HasFlag(KeyKinds.Account)) world.Own(maker, text);
            }

            var any = await IdOf(rightful[0]);
            await Check("with no key", null, null, any, Expect.Unauthorized);
            await Check("with a malformed key", "not-a-key", null, any, Expect.Unauthorized);
            await Check("with an unknown well-formed key", ApiWorld.UnknownKey(), null, any, Expect.Unauthorized);
            foreach (var holder in rightful)
            {
                var revoked = await world.NewKeyAsync(holder, ApiWorld.ScopesOf(holder));
                await Check($"by {holder} before revoking", revoked, holder, await IdOf(holder), Expect.Ok);
                await portal.RevokeAsync(revoked);
                await Check($"by {holder} with the key just revoked", revoked, holder, await IdOf(holder), Expect.Unauthorized);
                await Check($"by {holder} on its own object", await world.KeyAsync(holder), holder, await IdOf(holder), Expect.Ok);
                var lacking = ApiWorld.ScopesOf(holder).Except(route.Scopes).ToList();
                if (lacking.Count < ApiWorld.ScopesOf(holder).Count && lacking.Count > 0)
                    await Check($"by {holder} lacking {string.Join(",", route.Scopes)}", await world.NewKeyAsync(holder, lacking), holder, await IdOf(holder), Expect.MissingScope);
                if (call.Id is null) continue;
                foreach (var other in Enum.GetValues<Holder>().Where(o => o != holder))
                    await Check($"by {holder} on {other}'s object", await world.KeyAsync(holder), holder, await IdOf(other), Expect.NotFound);
            }
            // The other account's key: its own list (none of A's data) or A's object (404, none of A's data).
            if (call.For.HasFlag(KeyKinds.Account))
                await Check("by AccountB on AccountA's object", await world.KeyAsync(Holder.AccountB), Holder.AccountB,
                    call.Id is null ? "" : await IdOf(Holder.AccountA), call.Id is null ? Expect.Ok : Expect.NotFound);
            // The kind of key the route is not for, even with every scope that kind can hold.
            foreach (var holder in new[] { Holder.AccountA, Holder.AccountB, Holder.Platform }.Where(h => !rightful.Contains(h) && !(h == Holder.AccountB && call.For.HasFlag(KeyKinds.Account))))
                await Check($"by {holder}, a key of the wrong kind", await world.KeyAsync(holder), holder, any, route.Scopes.Except(ApiWorld.ScopesOf(holder)).Any() ? Expect.MissingScope : Expect.WrongKind);
        }

        output.WriteLine($"{world.OnlyA.Count} reviews only AccountA reads, {world.OnlyB.Count} only AccountB reads");
        output.WriteLine($"{routes.Count} /api/v1 routes; {sent} requests sent; {reached} reached their endpoint (of {meantToReach} meant to); " +
                         string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} expected {c.Key}")) + $"; {failures.Count} failures");
        output.WriteLine(string.Join("\n", failures.Take(200)));
        failures.Should().BeEmpty();
        reached.Should().Be(meantToReach, "exactly the rightful and the other-object requests reach an endpoint");
        reachedRoutes.Should().BeEquivalentTo(routes.Where(r => !r.Anonymous).Select(r => r.Key), "every keyed route is reached by its rightful key");
        counts.Keys.Should().Contain([Expect.Ok, Expect.Unauthorized, Expect.MissingScope, Expect.NotFound]);
    }

    /// <summary>The route with its values: one id fills every route value, or "a/b" fills two in order.</summary>
    internal static string Url(ApiRoute route, ApiCall call, string id)
    {
        var values = new Queue<string>(id.Split('/'));
        var path = Regex.Replace(route.Pattern, "\\{[^}]+\\}", _ => Uri.EscapeDataString(values.Count > 1 ? values.Dequeue() : values.Peek()));
        return "/" + path + (call.Query.Length > 0 ? "?" + call.Query : "");
    }

    private static string Short(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
