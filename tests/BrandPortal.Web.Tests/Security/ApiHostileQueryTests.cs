using System.Net;
using System.Text.Json;
using BrandPortal.Core.Reviews;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Api;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Every query value and route value of every account read route (discovered from the endpoint data, called as
/// <see cref="ApiCalls.Table"/> says) fed hostile values one at a time, with account A's valid key: bad numbers and
/// dates, forged cursors, another account's cursor, a 100,000-character value, NUL and control characters, repeated
/// parameters. The answer is 200 or a 400 problem naming the parameter by JSON path (404 for a route value), never a
/// 5xx, never the other account's data; and the values no parameter can accept are refused.
/// </summary>
public sealed class ApiHostileQueryTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    private static readonly string[] Hostile =
    [
        "abc", "-1", "0", "6", "1.5", "99999999999999999999999", "1e309", "NaN", "' OR 1=1 --", "1; DROP TABLE reviews; --", "\0", "a\0b",
        "\u0001\u0007\u001b", "line1\r\nX-Injected: 1", new('q', 100_000), "%", "%00", "𝕏💥\u202Eevil", "<script>alert('bp')</script>",
        "../../etc/passwd", "2026-02-30", "0001-01-01", "9999-12-31T23:59:59+14:00", "10000-01-01", "", " ",
    ];

    /// <summary>What each parameter can never accept: 400 with an error at its path. "{foreign}" is a value naming the other account.</summary>
    private static readonly Dictionary<string, string[]> Refused = new()
    {
        ["GET /api/v1/reviews stars"] = ["0", "6", "abc", "-1", "1.5", "99999999999999999999999", "\0"],
        ["GET /api/v1/reviews brand"] = ["B-none", "{foreign}", "\0", new('b', 100_000)],
        ["GET /api/v1/reviews period"] = ["forever", "custom", "\0"],
        ["GET /api/v1/reviews from"] = ["2026-02-30", "abc", "10000-01-01", "\0"],
        ["GET /api/v1/reviews to"] = ["2026-02-30", "abc", "10000-01-01", "\0"],
        ["GET /api/v1/reviews contact"] = ["maybe", "\0"],
        ["GET /api/v1/reviews sort"] = ["sideways", "\0"],
        ["GET /api/v1/reviews q"] = [new('q', 100_000)],
        ["GET /api/v1/reviews after"] = ["garbage", "%%%", "\0", "MS5uLjEuMC4w", "Mi5uLjEuMC4x", new('A', 100_000)],
        ["GET /api/v1/contacts updatedSince"] = ["garbage", "yesterday", "2026-02-30", "\0", new('1', 100_000)],
        ["GET /api/v1/contacts after"] = ["\0", "a\0b", "\u0001", new('R', 101)],
    };

    [Fact]
    public async Task EveryReadParameter_WithHostileValues_Is200Or400ProblemAndShowsNoOtherAccountsData()
    {
        var world = await ApiWorld.BuildAsync(portal);
        var key = await world.KeyAsync(Holder.AccountA);
        var routes = ApiCalls.Discover(portal.Factory.Services)
            .Where(r => r.Verb == "GET" && ApiCalls.Table.TryGetValue(r.Key, out var c) && c.For.HasFlag(KeyKinds.Account)).ToList();
        var catalog = PageCatalog.Discover(portal.Factory.Services);
        var foreign = await ForeignValuesAsync(world);
        var failures = new List<string>();
        int sent = 0, reached = 0, refused = 0;
        var swept = new HashSet<string>();

        foreach (var route in routes)
        {
            var call = ApiCalls.Table[route.Key];
            var id = call.Id is null ? "" : await call.Id(world, Holder.AccountA) ?? "";
            var parameters = catalog.Single(h => !h.IsPage && h.Verb == "GET" && h.Route.Trim('/') == route.Pattern).Values.Select(v => v.Name).ToList();
            var valid = call.Query.Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
            var targets = parameters.Select(p => (Name: p, InRoute: false)).Concat(route.Pattern.Contains('{') ? [("{id}", true)] : []).ToList();
            foreach (var (name, inRoute) in targets)
            {
                var label = $"{route.Key} {name}";
                var refusable = Refused.GetValueOrDefault(label, []).Select(v => v == "{foreign}" ? foreign.GetValueOrDefault(label, v) : v).ToList();
                var values = Hostile.Concat(refusable).Concat(foreign.Where(f => f.Key == label).Select(f => f.Value)).Distinct()
                    .Select(v => (Query: Pair(name, v), Shown: v)).ToList();
                // The same parameter twice: a client joining lists its own way must get an answer, not a failure.
                if (!inRoute) values.Add((Pair(name, "1") + "&" + Pair(name, "2026-01-01"), "repeated"));
                foreach (var (query, shown) in values)
                {
                    var rest = valid.Where(q => !q.StartsWith(name + "=", StringComparison.Ordinal)).Append(inRoute ? "" : query).Where(q => q.Length > 0);
                    if (inRoute && shown.Length == 0) continue; // no value at all is another route (the list)
                    var url = inRoute
                        ? "/" + System.Text.RegularExpressions.Regex.Replace(route.Pattern, "\\{[^}]+\\}", _ => Uri.EscapeDataString(shown)) + (call.Query.Length > 0 ? "?" + call.Query : "")
                        : ApiKeySweepTests.Url(route, call with { Query = string.Join("&", rest) }, id);
                    (HttpResponseMessage Response, bool Reached) result;
                    try { result = await world.SendAsync(key, "GET", url, null, route); }
                    catch (InvalidOperationException ex) when (inRoute && ex.Message.Contains("null characters", StringComparison.Ordinal))
                    {
                        continue; // a NUL in the path never forms a request (Kestrel answers 400 before the portal)
                    }
                    var (response, hit) = result;
                    sent++;
                    if (hit) reached++; else if (!inRoute) failures.Add($"{label}={Show(shown)}: {(int)response.StatusCode} before reaching the endpoint");
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    swept.Add(label);
                    if (status == 400) refused++;
                    if (status is not (200 or 400) && !(inRoute && status == 404)) failures.Add($"{label}={Show(shown)}: {status} {body[..Math.Min(body.Length, 200)]}");
                    if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{label}={Show(shown)}: {status} is not problem details");
                    if (status == 400 && !inRoute && !ErrorPaths(body).Contains("$." + name)) failures.Add($"{label}={Show(shown)}: 400 names {string.Join(", ", ErrorPaths(body))}, not $.{name}");
                    if (refusable.Contains(shown) && status != 400) failures.Add($"{label}={Show(shown)}: {status}, where no value like it can be accepted");
                    if (world.ForeignDataIn(Holder.AccountA, body) is { } leak) failures.Add($"{label}={Show(shown)}: shows the other account's '{leak}'");
                }
            }
        }

        output.WriteLine($"{routes.Count} read routes, {swept.Count} values swept; {sent} requests; {reached} reached their endpoint; {refused} refused with 400; {failures.Count} failures");
        output.WriteLine(string.Join("\n", failures.Take(200)));
        failures.Should().BeEmpty();
        swept.Should().Contain(Refused.Keys, "every parameter with values it must refuse is discovered and swept");
        sent.Should().BeGreaterThan(300);
    }

    /// <summary>Values that name the other account: its brand, a cursor at its review, its review's id (valid positions, but nothing of it may show).</summary>
    private static async Task<Dictionary<string, string>> ForeignValuesAsync(ApiWorld world)
    {
        var theirs = await world.ReviewAsync(Holder.AccountB) ?? throw new InvalidOperationException("AccountB has no review");
        await using var db = world.Portal.CreateContext();
        var review = await db.Reviews.Where(r => r.ExternalId == theirs)
            .Select(r => new { r.Id, r.Rating, r.CreatedAt, Brand = db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.ExternalId).First() }).SingleAsync();
        return new()
        {
            ["GET /api/v1/reviews brand"] = review.Brand,
            ["GET /api/v1/reviews after"] = new ReviewCursor(ReviewSort.Newest, review.Rating, review.CreatedAt, review.Id).Encode(),
            ["GET /api/v1/contacts after"] = theirs,
            ["GET /api/v1/reviews/{id} {id}"] = theirs,
        };
    }

    private static string Pair(string name, string value) => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";

    private static List<string> ErrorPaths(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? errors.EnumerateArray().Select(e => e.TryGetProperty("path", out var p) ? p.GetString() ?? "" : "").ToList()
                : [];
        }
        catch (JsonException) { return []; }
    }

    private static string Show(string v) => v.Length > 30 ? $"{v[..12]}…({v.Length} chars)" : JsonSerializer.Serialize(v);
}
