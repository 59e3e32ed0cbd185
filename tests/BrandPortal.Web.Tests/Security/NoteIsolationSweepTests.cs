using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Internal notes and saved views never reach anyone outside their audience, on any page. Acme Trading (S1) writes a
/// note on Jane's review (she has a Message Center) and saves a private and a shared view through the pages; Globex
/// Retail (S3) has notes of its own, one on an Acme review that both accounts see (<see cref="ForeignAccount"/>). Every
/// GET page and export of the portal (PageCatalog, so a page added tomorrow is covered) is then opened as each other
/// role, with that user's own ids and with the two noted reviews' ids, and no marker outside the user's audience
/// appears: not to the customer, Support, another seller account, nor (for the private view) a colleague.
/// </summary>
public sealed class NoteIsolationSweepTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    private const string AcmeNote = "ACME-INTERNAL-NOTE-5c1e", AcmePrivateView = "ACME-PRIVATE-VIEW-5c1e", AcmeSharedView = "ACME-SHARED-VIEW-5c1e";
    private const string GlobexNote = "GLOBEX-SECRET-NOTE", GlobexPrivateView = "GLOBEX-PRIVATE-VIEW", GlobexSharedView = "GLOBEX-SHARED-VIEW";

    /// <summary>Each user and the markers they must never see.</summary>
    public static TheoryData<string, string[]> Audiences => new()
    {
        { DemoUsers.Customer, [AcmeNote, AcmePrivateView, AcmeSharedView, GlobexNote, GlobexPrivateView, GlobexSharedView] },
        // Support reads every account's audit log: notes and private views are never in it; a shared view's name may be.
        { DemoUsers.Support, [AcmeNote, AcmePrivateView, GlobexNote, GlobexPrivateView] },
        { DemoUsers.OtherTenantRep, [AcmeNote, AcmePrivateView, AcmeSharedView] },
        { DemoUsers.OtherTenantAdmin, [AcmeNote, AcmePrivateView, AcmeSharedView] },
        { DemoUsers.RepAtRisk, [AcmeNote, AcmePrivateView, AcmeSharedView, GlobexNote, GlobexPrivateView, GlobexSharedView] },
        { DemoUsers.RepOneBrand, [AcmePrivateView, GlobexNote, GlobexPrivateView, GlobexSharedView] },
        { DemoUsers.Viewer, [AcmePrivateView, GlobexNote, GlobexPrivateView, GlobexSharedView] },
        { DemoUsers.AccountAdmin, [AcmePrivateView, GlobexNote, GlobexPrivateView, GlobexSharedView] },
    };

    private static (SweepWorld World, long[] Reviews)? _setup;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private async Task<(SweepWorld World, long[] Reviews)> SetupAsync()
    {
        await Gate.WaitAsync();
        try { return _setup ??= await PlantAsync(); }
        finally { Gate.Release(); }
    }

    private async Task<(SweepWorld, long[])> PlantAsync()
    {
        await ForeignAccount.PlantAsync(portal);
        var world = await SweepWorld.BuildAsync(portal);
        long jane, acmeSeenByBoth;
        await using (var db = portal.CreateContext())
        {
            jane = await db.Reviews.Where(r => r.ExternalId == "R0289").Select(r => r.Id).SingleAsync(); // Jane's, contacted by the world
            acmeSeenByBoth = await db.Reviews.Where(r => r.Title == "Kettle arrived cracked").Select(r => r.Id).SingleAsync();
        }
        var rep = await world.ClientAsync(DemoUsers.RepTwoBrands);
        var page = $"/Brands/Reviews/{jane}/Contact";
        (await rep.PostFormAsync($"{page}?handler=AddNote", new Dictionary<string, string> { ["text"] = AcmeNote }, page))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        foreach (var (name, visibility) in new[] { (AcmePrivateView, "Private"), (AcmeSharedView, "Shared") })
            (await rep.PostFormAsync("/Brands/Reviews/Views?handler=Save",
                    new Dictionary<string, string> { ["name"] = name, ["visibility"] = visibility, ["query"] = $"q={name}" }, "/Brands/Reviews/Views"))
                .StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (world, [jane, acmeSeenByBoth]);
    }

    [Theory]
    [MemberData(nameof(Audiences))]
    public async Task EveryPage_AsAUserOutsideTheAudience_NeverShowsTheNoteOrTheView(string email, string[] hidden)
    {
        var (world, reviews) = await SetupAsync();
        var client = await world.ClientAsync(email);
        var failures = new List<string>();
        var opened = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handler in world.Handlers.Where(h => h.IsPage && h.Verb == "GET" && SweepWorld.ServedInTesting(h)))
        {
            var urls = new List<string>();
            if (await world.ValidRequestAsync(email, handler) is { } valid)
                urls.Add(valid.Fields.Count == 0 ? valid.Url : valid.Url + (valid.Url.Contains('?') ? "&" : "?") + string.Join("&", valid.Fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")));
            if (handler.RouteParameters.SequenceEqual(["id"]) && handler.Route.StartsWith("Brands/Reviews/", StringComparison.Ordinal))
                urls.AddRange(reviews.Select(id => handler.Url(new Dictionary<string, string> { ["id"] = $"{id}" })));
            foreach (var url in urls.Where(opened.Add))
            {
                var response = await client.Http.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500) failures.Add($"{url}: {(int)response.StatusCode}");
                failures.AddRange(hidden.Where(m => body.Contains(m, StringComparison.Ordinal)).Select(m => $"{url}: shows {m}"));
            }
        }

        output.WriteLine($"{email}: {opened.Count} pages and exports opened; {failures.Count} failures\n{string.Join("\n", failures)}");
        failures.Should().BeEmpty();
        opened.Should().Contain(u => u.StartsWith("/Admin/Audit", StringComparison.Ordinal) || u.StartsWith("/YourAccount", StringComparison.Ordinal)
            || u.StartsWith("/Brands/Reviews/", StringComparison.Ordinal), "the pages where a note or a view could show were opened");
    }

    [Fact]
    public async Task ThePlantedNotesAndViews_AreShownToTheirOwnAudience()
    {
        var (world, reviews) = await SetupAsync();
        var colleague = await world.ClientAsync(DemoUsers.RepOneBrand);
        (await colleague.Http.GetStringAsync($"/Brands/Reviews/{reviews[0]}/Contact")).Should().Contain(AcmeNote, "the sweep would prove nothing if no one saw it");
        (await colleague.Http.GetStringAsync("/Brands/Reviews")).Should().Contain(AcmeSharedView);
        var owner = await world.ClientAsync(DemoUsers.RepTwoBrands);
        (await owner.Http.GetStringAsync("/Brands/Reviews/Views")).Should().Contain(AcmePrivateView);
        using var globex = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        (await globex.Http.GetStringAsync($"/Brands/Reviews/{reviews[1]}/Contact")).Should().Contain(GlobexNote);
        (await globex.Http.GetStringAsync("/Brands/Reviews/Views")).Should().Contain(GlobexPrivateView).And.Contain(GlobexSharedView);
    }
}
