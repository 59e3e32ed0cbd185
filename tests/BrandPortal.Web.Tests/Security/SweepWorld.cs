using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Webhooks;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Api;
using BrandPortal.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// A demo database with every kind of object a handler works on (contacts with a refund offer, threads with customer
/// replies, a Brand Registry case, alert settings, an invitation), and for each user the real ids and valid forms the
/// portal itself offers them: route values come from the links on the pages the user can open, form fields from the
/// form on the handler's own page. A sweep then changes one value at a time, so that the other values never stop a
/// request before the check under test.
/// </summary>
public sealed class SweepWorld
{
    private readonly DemoPortal _portal;
    private readonly Dictionary<string, PortalClient> _clients = new();
    private readonly Dictionary<string, string> _tokens = new();
    private readonly Dictionary<string, List<string>> _links = new();
    private int _tag;
    private string? _apiKey;
    private string? _platformKey;

    private SweepWorld(DemoPortal portal, IReadOnlyList<PageHandler> handlers)
    {
        _portal = portal;
        Handlers = handlers;
        Probe = portal.Factory.Services.GetRequiredService<HandlerProbe>();
    }

    public IReadOnlyList<PageHandler> Handlers { get; }
    public HandlerProbe Probe { get; }

    /// <summary>
    /// Whether the handler answers in the Testing environment the sweeps run in. The /Dev pages answer only in
    /// Development and only to a loopback client (Pages/Dev/MailTests proves both sides): here every request to them
    /// must end in a 404 before the handler, which the sweeps still check for 5xx, markup and stored changes.
    /// </summary>
    public static bool ServedInTesting(PageHandler h) => !h.Route.StartsWith("Dev/", StringComparison.Ordinal);

    /// <summary>The user each page is for: the one whose valid forms the sweeps start from.</summary>
    public static string OwnerOf(PageHandler h) => h.Route switch
    {
        var r when r.StartsWith("Admin", StringComparison.Ordinal) => DemoUsers.AccountAdmin,
        var r when r.StartsWith("BrandRegistry", StringComparison.Ordinal) => DemoUsers.RegistryAdmin,
        var r when r.StartsWith("Support", StringComparison.Ordinal) => DemoUsers.Support,
        var r when r.StartsWith("YourAccount", StringComparison.Ordinal) => DemoUsers.Customer,
        _ => DemoUsers.RepTwoBrands,
    };

    public static async Task<SweepWorld> BuildAsync(DemoPortal portal)
    {
        var world = new SweepWorld(portal, PageCatalog.Discover(portal.Factory.Services));
        // Contacts, a refund offer, threads with customer replies (all on Jane's reviews, so she has a message center).
        await ContactSteps.ContactAsync(portal, "R0063", ContactReason.CourtesyRefund);
        await ContactSteps.ThreadAsync(portal, "R0331");
        await ContactSteps.ThreadAsync(portal, "R0289", "The toaster burns one side.");
        // A case, alert settings and an invitation, each through its own valid form.
        foreach (var (route, verb, handler) in new[] { ("BrandRegistry/Cases", "POST", (string?)null), ("Brands/Alerts", "POST", null), ("Admin/Users", "POST", "Invite") })
        {
            var h = world.Handlers.Single(x => x.Route == route && x.Verb == verb && x.Handler == handler);
            var (url, fields) = await world.ValidRequestAsync(OwnerOf(h), h) ?? throw new InvalidOperationException($"No form for {h}");
            var response = await world.SendAsync(OwnerOf(h), h.Verb, url, fields);
            if (response.Response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Seeding {h} failed: {(int)response.Response.StatusCode} {await response.Response.Content.ReadAsStringAsync()}");
        }
        await SeedWebhookAsync(portal);
        // Every page's own user is signed in now, while the world is built: a sweep that later borrows their valid
        // forms must not write their sign-in to the audit log between its before and after snapshots.
        foreach (var owner in new[] { DemoUsers.AccountAdmin, DemoUsers.RegistryAdmin, DemoUsers.Support, DemoUsers.Customer, DemoUsers.RepTwoBrands })
            await world.ClientAsync(owner);
        return world;
    }

    /// <summary>
    /// A subscription of Acme (S1) with one delivery, so that the webhook pages and routes have real ids to sweep with.
    /// It is disabled and its delivery has failed: nothing is delivered in the background while the sweeps compare snapshots.
    /// </summary>
    private static async Task SeedWebhookAsync(DemoPortal portal)
    {
        await using var db = portal.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var account = await db.SellerAccounts.Where(a => a.ExternalId == "S1").Select(a => a.Id).SingleAsync();
        var subscription = new WebhookSubscription
        {
            PublicId = "wh_sweepacme", Kind = ApiKeyKind.Account, SellerAccountId = account, Url = "https://93.184.215.14/sweep",
            Events = [WebhookEventTypes.RefundAccepted], Secret = "whsec_c3dlZXA=", CreatedBy = DemoUsers.AccountAdmin, CreatedAt = now,
            DisabledAt = now, DisabledReason = "The target answered 410 Gone.",
        };
        var e = new WebhookEvent { MessageId = WebhookEventWriter.NewMessageId(), Type = "webhook.test", SellerAccountId = account, Data = "{}", OccurredAt = now };
        db.AddRange(subscription, e);
        await db.SaveChangesAsync();
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            EventId = e.Id, SubscriptionId = subscription.Id, State = WebhookDeliveryState.Failed, Attempts = 1, CreatedAt = now,
            NextAttemptAt = now, LastAttemptAt = now, LastStatusCode = 410, LastAnswer = "Gone",
        });
        await db.SaveChangesAsync();
    }

    public async Task<PortalClient> ClientAsync(string email)
    {
        if (_clients.TryGetValue(email, out var client)) return client;
        _clients[email] = client = await _portal.SignInAsync(email);
        _tokens[email] = await client.AntiforgeryTokenAsync("/Account/Login");
        return client;
    }

    /// <summary>Sends one tagged request as the user; whether it reached <paramref name="handler"/>'s handler comes back with it.</summary>
    public async Task<(HttpResponseMessage Response, bool Reached)> SendAsync(string email, string verb, string url,
        IEnumerable<KeyValuePair<string, string>> fields, PageHandler? handler = null)
    {
        var client = await ClientAsync(email);
        var tag = $"sweep-{Interlocked.Increment(ref _tag)}";
        using var request = new HttpRequestMessage(new HttpMethod(verb), url);
        request.Headers.Add(HandlerProbe.Header, tag);
        var list = fields.ToList();
        if (verb == "GET")
        {
            if (list.Count > 0)
                request.RequestUri = new Uri(url + (url.Contains('?') ? "&" : "?") + string.Join("&", list.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")), UriKind.Relative);
        }
        else
        {
            if (!list.Any(f => f.Key == "__RequestVerificationToken")) list.Add(new("__RequestVerificationToken", _tokens[email]));
            request.Content = new FormUrlEncodedContent(list);
        }
        // An /api route authenticates by key, never by the session: the owner's account (S1) key with every account scope.
        if (IsApi(url))
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                handler is not null && ForPlatform(handler) ? await PlatformKeyAsync() : await ApiKeyAsync());
        var response = await client.Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, handler is not null && Probe.ReachedHandler(tag, handler));
    }

    /// <summary>An optional or catch-all route value (the API reference's asset paths): the route answers without one.</summary>
    private static bool Optional(PageHandler h, string p) => h.Route.Contains("{" + p + "?}") || h.Route.Contains("{*" + p) || h.Route.Contains("{**" + p);

    public static bool IsApi(string url) => url.TrimStart('/').StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase) && !url.Contains("openapi.json");

    private async Task<string> ApiKeyAsync() => _apiKey ??= await _portal.CreateKeyAsync("S1", "reviews:read", "contacts:read", "webhooks:manage");

    private async Task<string> PlatformKeyAsync() => _platformKey ??= await _portal.CreateKeyAsync(null, [.. BrandPortal.Core.ApiKeys.ApiScopes.ForPlatform]);

    /// <summary>
    /// An /api route that needs a scope only platform keys hold (the ingest), by the endpoint's own metadata: its policy
    /// or the scopes it documents checking itself. The sweep calls it with a platform key holding every platform scope.
    /// </summary>
    private bool ForPlatform(PageHandler handler)
    {
        var platformOnly = BrandPortal.Core.ApiKeys.ApiScopes.ForPlatform.Except(BrandPortal.Core.ApiKeys.ApiScopes.ForAccount).ToHashSet();
        return _portal.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/') == handler.Route
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains(handler.Verb) != false)
            .SelectMany(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy ?? "")
                .Concat(e.Metadata.GetOrderedMetadata<BrandPortal.Web.Api.ApiDocumentedScopes>().SelectMany(d => d.Scopes.Select(s => "api:" + s))))
            .Any(policy => policy.StartsWith("api:", StringComparison.Ordinal) && platformOnly.Contains(policy["api:".Length..]));
    }

    /// <summary>
    /// An /api route's own ids come from the API itself: each route value is the first item of the collection it follows
    /// (<c>/webhooks/{id}/deliveries/{deliveryId}</c>: a subscription of <c>/webhooks</c>, then one of its deliveries).
    /// </summary>
    private async Task<bool> ApiRouteValuesAsync(PageHandler handler, Dictionary<string, string> route)
    {
        foreach (var p in handler.RouteParameters)
        {
            var collection = "/" + handler.Route[..handler.Route.IndexOf("/{" + p, StringComparison.Ordinal)];
            foreach (var (name, value) in route) collection = collection.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(HttpMethod.Get, collection + "?period=all");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await ApiKeyAsync());
            var response = await _portal.Factory.NewClient().Http.SendAsync(request);
            if (!response.IsSuccessStatusCode) return false;
            var items = (await response.JsonAsync()).GetProperty("items");
            if (items.GetArrayLength() == 0) return false;
            route[p] = items[0].GetProperty("id").GetString()!;
        }
        return true;
    }

    /// <summary>
    /// The URL (with the user's own ids) and the fields of a request to <paramref name="handler"/> that the portal
    /// would accept from this user, as its own page offers it; null when no page of the user links to the route.
    /// </summary>
    public async Task<(string Url, List<KeyValuePair<string, string>> Fields)?> ValidRequestAsync(string email, PageHandler handler)
    {
        var route = new Dictionary<string, string>();
        if (handler.RouteParameters.Count == 1 && IsApi(handler.Route) && ForPlatform(handler))
            route[handler.RouteParameters[0]] = "SWEEP00001"; // an upsert names its own record: any well-formed id (and ASIN)
        else if (handler.RouteParameters.Count > 0 && IsApi(handler.Route))
        {
            if (!await ApiRouteValuesAsync(handler, route)) return null;
        }
        else if (handler.RouteParameters.Count > 0 && !handler.RouteParameters.All(p => Optional(handler, p)))
        {
            var pattern = handler.PathPattern();
            var link = (await LinksAsync(email)).FirstOrDefault(l => pattern.IsMatch(l));
            if (link is null) return null;
            var template = handler.Route.Split('/');
            var actual = link.Split('?', '#')[0].TrimStart('/').Split('/');
            for (var i = 0; i < template.Length && i < actual.Length; i++)
                foreach (var p in handler.RouteParameters)
                    if (template[i].StartsWith("{" + p, StringComparison.Ordinal)) route[p] = Uri.UnescapeDataString(actual[i]);
        }
        foreach (var p in handler.RouteParameters.Where(p => Optional(handler, p) && !route.ContainsKey(p))) route[p] = "";
        var url = handler.Url(route);
        if (handler.Verb == "GET" || !handler.IsPage) return (url, []);
        var page = new PageHandler(handler.Route, "GET", null, handler.Model, handler.RouteParameters, [], handler.PagePath).Url(route);
        var client = await ClientAsync(email);
        var html = await (await client.Http.GetAsync(page)).Content.ReadAsStringAsync();
        var document = await PortalClient.ParseAsync(html);
        var form = document.QuerySelectorAll<IHtmlFormElement>("form[method=post]")
            .FirstOrDefault(f => Same(f.GetAttribute("action") is { Length: > 0 } a ? WebUtility.HtmlDecode(a) : page, url));
        return (url, form is null ? [] : FieldsOf(form));
    }

    private static bool Same(string action, string url) => string.Equals(action.Split('#')[0], url, StringComparison.OrdinalIgnoreCase);

    /// <summary>What a person submitting the form unchanged (filling required blanks sensibly) would send.</summary>
    private static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var radios = new HashSet<string>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            // The sender's own token is added when the request is sent (a form read as one user may be sent as another).
            if (string.IsNullOrEmpty(name) || name == "__RequestVerificationToken") continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "radio" } radio:
                    if (radios.Contains(name)) break;
                    var group = form.Elements.OfType<IHtmlInputElement>().Where(r => r.Type == "radio" && r.Name == name).ToList();
                    fields.Add(new(name, (group.FirstOrDefault(r => r.IsChecked) ?? group[0]).Value));
                    radios.Add(name);
                    break;
                case IHtmlInputElement { Type: "checkbox" } box:
                    if (box.IsChecked) fields.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement input:
                    // A blank with suggestions (a datalist) takes the first suggestion, as someone picking from it would.
                    var suggestion = input.GetAttribute("list") is { } list
                        ? form.Owner?.GetElementById(list)?.QuerySelector("option")?.GetAttribute("value") : null;
                    fields.Add(new(name, input.Value is { Length: > 0 } v ? v : suggestion ?? Sample(name, input.Type)));
                    break;
                case IHtmlSelectElement select:
                    var options = select.Options.Where(o => o.Value.Length > 0).ToList();
                    fields.Add(new(name, (options.FirstOrDefault(o => o.IsSelected) ?? options.FirstOrDefault())?.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value is { Length: > 0 } t ? t : Sample(name, "text")));
                    break;
                case IHtmlButtonElement button when fields.All(f => f.Key != name):
                    fields.Add(new(name, button.Value));
                    break;
            }
        }
        return fields;
    }

    private static int _samples;

    private static string Sample(string name, string type) => type == "email" || name.Contains("email", StringComparison.OrdinalIgnoreCase)
        ? $"sweep.{Interlocked.Increment(ref _samples)}@acme.test"
        : "Thank you for telling us. We are sending a replacement today.";

    /// <summary>Every link and form action on the pages (without route values) the user can open, for finding real ids.</summary>
    private async Task<List<string>> LinksAsync(string email)
    {
        if (_links.TryGetValue(email, out var links)) return links;
        links = [];
        var client = await ClientAsync(email);
        foreach (var page in Handlers.Where(h => h.IsPage && h.Verb == "GET" && h.Handler is null && h.RouteParameters.Count == 0 && !h.Route.StartsWith("Account/Logout", StringComparison.Ordinal)))
        {
            var (response, document) = await client.GetPageAsync("/" + page.Route);
            if (response.StatusCode != HttpStatusCode.OK) continue;
            links.AddRange(document.QuerySelectorAll("a[href^='/']").Select(a => a.GetAttribute("href")!));
            links.AddRange(document.QuerySelectorAll("form[action^='/']").Select(f => f.GetAttribute("action")!));
        }
        _links[email] = links;
        return links;
    }
}
