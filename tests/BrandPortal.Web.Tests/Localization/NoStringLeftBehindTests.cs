using System.Net;
using BrandPortal.Core.Alerts;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Security;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>
/// No string left behind: under the pseudo culture every localized string comes out wrapped and accented
/// ("⟦Çûšţöɱéŕ Ŕéṽîéŵš⟧"), so any letter left on a page once those are taken away is text that did not go through a
/// localizer (names and user content are marked translate="no", dates are &lt;time&gt; elements). Every GET page of the
/// catalog is walked as each demo role and anonymously, with the real ids each user's own pages link to; /Dev/Mail in
/// Development from this computer, the only place it answers.
/// </summary>
public sealed class NoStringLeftBehindTests(PseudoPortal portal, ITestOutputHelper output) : IClassFixture<PseudoPortal>
{
    private static readonly string?[] Roles =
    [
        null, DemoUsers.RepTwoBrands, DemoUsers.Viewer, DemoUsers.NoPermission, DemoUsers.RepUnregistered, DemoUsers.AccountAdmin,
        DemoUsers.RegistryAdmin, DemoUsers.Support, DemoUsers.Customer,
    ];

    [Fact]
    public async Task EveryPage_AsEveryRoleInThePseudoCulture_ShowsOnlyLocalizedText()
    {
        var world = await SweepWorld.BuildAsync(portal);
        var pages = world.Handlers.Where(h => h.IsPage && h.Verb == "GET").ToList();
        var rendered = new HashSet<string>();
        var findings = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        var requests = 0;
        PortalClient? anonymous = null;

        foreach (var role in Roles)
        {
            var client = role is null ? portal.Factory.NewClient() : await portal.SignInAsync(role);
            await PseudoPortal.ChooseAsync(client, PseudoPortal.Culture);
            if (role is null) anonymous = client;
            foreach (var page in pages.Where(SweepWorld.ServedInTesting))
            {
                string url;
                if (page.RouteParameters.Count == 0) url = page.Url(new Dictionary<string, string>());
                else if (role is not null && await world.ValidRequestAsync(role, page) is { } valid) url = valid.Url;
                else continue;
                var response = await client.Http.GetAsync(url);
                requests++;
                await CheckAsync(page, role ?? "anonymous", response, rendered, findings);
            }
        }
        // A page that shows itself only for a value from an email: the unsubscribe link of a review alert.
        var unsubscribe = pages.Single(p => p.PagePath == "/Alerts/Unsubscribe");
        await CheckAsync(unsubscribe, "anonymous, alert email link", await anonymous!.Http.GetAsync(await UnsubscribeLinkAsync()), rendered, findings);
        requests += await WalkDevelopmentPagesAsync(pages.Where(p => !SweepWorld.ServedInTesting(p)).ToList(), rendered, findings);

        var unreached = pages.Select(p => p.PagePath!).Distinct().Where(p => !rendered.Contains(p) && !Renders.Nothing.Contains(p)).Order().ToList();
        output.WriteLine($"{requests} requests; {rendered.Count} of {pages.Select(p => p.PagePath).Distinct().Count()} pages rendered; " +
                         $"{findings.Count} pages with text that missed the localizer");
        var report = string.Join("\n", findings.Select(page => $"{page.Key}:\n" + string.Join("\n",
            page.Value.Select(t => $"    \"{t.Key}\" ({string.Join(", ", t.Value)})"))));
        output.WriteLine(report);
        output.WriteLine($"Not rendered: {string.Join(", ", unreached)}");
        unreached.Should().BeEmpty("the walk renders every page of the catalog");
        findings.Should().BeEmpty($"every visible string goes through a localizer; not localized:\n{report}");
    }

    /// <summary>Pages without markup of their own: the front door only redirects each user to their start page.</summary>
    private static class Renders
    {
        public static readonly HashSet<string> Nothing = ["/Index"];
    }

    private static async Task CheckAsync(PageHandler page, string role, HttpResponseMessage response, HashSet<string> rendered,
        SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> findings)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/html") return;
        var document = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        // Rendered: the page's own HTML. The access-denied page answers 403 by design.
        if (page.Handler is null && (response.StatusCode == HttpStatusCode.OK
                                     || (response.StatusCode == HttpStatusCode.Forbidden && page.PagePath == "/Account/AccessDenied")))
            rendered.Add(page.PagePath!);
        // A refusal is the error page's (or the page's own explanation): checked under the page it answered for.
        var key = response.StatusCode == HttpStatusCode.OK ? page.PagePath! : $"{page.PagePath} ({(int)response.StatusCode})";
        foreach (var text in VisibleText.Leftovers(document))
        {
            if (!findings.TryGetValue(key, out var texts)) findings[key] = texts = new(StringComparer.Ordinal);
            if (!texts.TryGetValue(text, out var roles)) texts[text] = roles = new(StringComparer.Ordinal);
            roles.Add(role);
        }
    }

    private async Task<string> UnsubscribeLinkAsync()
    {
        await using var db = portal.CreateContext();
        var userId = await db.Users.Where(u => u.Email == DemoUsers.RepTwoBrands).Select(u => u.Id).SingleAsync();
        using var scope = portal.Factory.Services.CreateScope();
        return "/Alerts/Unsubscribe?token=" + Uri.EscapeDataString(scope.ServiceProvider.GetRequiredService<UnsubscribeTokens>().Create(userId));
    }

    /// <summary>The /Dev pages answer only in Development and only to this computer: walked there, anonymously.</summary>
    private async Task<int> WalkDevelopmentPagesAsync(IReadOnlyList<PageHandler> pages, HashSet<string> rendered,
        SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> findings)
    {
        await using var factory = new PortalFactory(portal.ConnectionString, portal.Smtp,
            services => services.AddSingleton<IStartupFilter>(new Loopback()),
            new Dictionary<string, string?> { ["Localization:PseudoCulture"] = "true" }, environment: "Development");
        var client = factory.NewClient();
        await PseudoPortal.ChooseAsync(client, PseudoPortal.Culture);
        foreach (var page in pages.Where(p => p.RouteParameters.Count == 0))
            await CheckAsync(page, "anonymous, Development", await client.Http.GetAsync(page.Url(new Dictionary<string, string>())), rendered, findings);
        return pages.Count;
    }

    private sealed class Loopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return following(context);
            });
            next(app);
        };
    }
}
