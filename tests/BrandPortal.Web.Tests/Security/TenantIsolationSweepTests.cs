using BrandPortal.Testing;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Every routable page and handler (discovered from the portal's endpoints, so new pages are covered automatically),
/// tried by every demo role of Acme Trading and by a customer with the ids of Globex Retail's brands, reviews,
/// contacts, refunds, threads, messages, users and cases: nothing of the other account appears and nothing changes.
/// </summary>
public sealed class TenantIsolationSweepTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    public static TheoryData<string> Users => new()
    {
        DemoUsers.RepTwoBrands, DemoUsers.RepOneBrand, DemoUsers.Viewer, DemoUsers.NoPermission, DemoUsers.AccountAdmin,
        DemoUsers.RegistryAdmin, DemoUsers.RepUnregistered, DemoUsers.Customer,
    };

    private static ForeignAccount? _foreign;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private async Task<ForeignAccount> ForeignAsync()
    {
        await Gate.WaitAsync();
        try { return _foreign ??= await ForeignAccount.PlantAsync(portal); }
        finally { Gate.Release(); }
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task EveryHandler_WithAnotherAccountsIds_ShowsAndChangesNothingOfIt(string email)
    {
        var foreign = await ForeignAsync();
        var handlers = PageCatalog.Discover(portal.Factory.Services);
        var client = await portal.SignInAsync(email);
        var token = await client.AntiforgeryTokenAsync("/Account/Login");
        var before = await ForeignAccount.SnapshotAsync(portal.ConnectionString);
        var requests = 0;
        var failures = new List<string>();

        foreach (var handler in handlers.Where(h => !h.Route.StartsWith("Account/", StringComparison.Ordinal)))
        {
            var idValues = handler.Values.Where(v => v.IsId).ToList();
            var ids = handler.RouteParameters.Count > 0 || idValues.Count > 0 ? foreign.AllIds.ToList() : [0L];
            foreach (var id in ids)
            {
                var route = handler.RouteParameters.ToDictionary(p => p, _ => id.ToString());
                var fields = idValues.ToDictionary(v => v.Name, _ => id.ToString());
                HttpResponseMessage response;
                if (handler.Verb == "GET")
                {
                    var url = handler.Url(route);
                    var query = string.Join("&", fields.Select(f => $"{f.Key}={f.Value}"));
                    if (query.Length > 0) url += (url.Contains('?') ? "&" : "?") + query;
                    response = await client.Http.GetAsync(url);
                }
                else
                {
                    if (handler.RouteParameters.Count == 0 && idValues.Count == 0) continue; // nothing of another account to name
                    fields["__RequestVerificationToken"] = token;
                    var beforePost = await ForeignAccount.SnapshotAsync(portal.ConnectionString);
                    response = await client.Http.PostAsync(handler.Url(route), new FormUrlEncodedContent(fields));
                    if (await ForeignAccount.SnapshotAsync(portal.ConnectionString) != beforePost)
                        failures.Add($"{handler} id={id}: changed the database");
                }
                requests++;
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500) failures.Add($"{handler} id={id}: {(int)response.StatusCode}");
                foreach (var marker in ForeignAccount.Markers)
                    if (body.Contains(marker, StringComparison.Ordinal)) failures.Add($"{handler} id={id}: shows '{marker}'");
            }
        }

        output.WriteLine($"{email}: {requests} requests over {handlers.Count} handlers");
        failures.Should().BeEmpty();
        (await ForeignAccount.SnapshotAsync(portal.ConnectionString)).Should().Be(before, "requests naming another account's objects change nothing");
        requests.Should().BeGreaterThan(5);
    }

    [Fact]
    public void Catalog_FindsThePortalsPages()
    {
        var handlers = PageCatalog.Discover(portal.Factory.Services);
        output.WriteLine(string.Join("\n", handlers));
        handlers.Should().Contain(h => h.Route == "Brands" && h.Verb == "GET" && h.Values.Any(v => v.Name == "brand" && v.IsId));
        handlers.Should().Contain(h => h.Route == "Account/Login" && h.Verb == "POST");
    }
}
