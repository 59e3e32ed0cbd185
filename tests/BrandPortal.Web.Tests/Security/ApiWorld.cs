using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// The sweep world (<see cref="SweepWorld"/>: Acme's contacts, threads and refund offer) with Globex's marked objects
/// (<see cref="ForeignAccount"/>), seen through the API: keys of every kind, the objects of each holder, and what must
/// never cross between the two accounts — each one's own reviews (ids, titles, texts) and Globex's markers.
/// </summary>
public sealed class ApiWorld
{
    public const string SellerA = "S1", SellerB = "S3";
    private readonly Dictionary<Holder, string> _keys = new();
    private int _tag;

    private ApiWorld(DemoPortal portal, SweepWorld sweep, ForeignAccount foreign)
    {
        Portal = portal;
        Sweep = sweep;
        Foreign = foreign;
        Probe = portal.Factory.Services.GetRequiredService<HandlerProbe>();
    }

    public DemoPortal Portal { get; }
    public SweepWorld Sweep { get; }
    public ForeignAccount Foreign { get; }
    public HandlerProbe Probe { get; }
    /// <summary>External ids of reviews only account A may read (their brands are not associated with B), and the reverse.</summary>
    public IReadOnlyList<string> OnlyA { get; private set; } = [];
    public IReadOnlyList<string> OnlyB { get; private set; } = [];
    /// <summary>What only each holder may see (A's own review texts and ids, Globex's markers, the ids of objects each made).</summary>
    private readonly Dictionary<Holder, List<string>> _secrets = new() { [Holder.AccountA] = [], [Holder.AccountB] = [], [Holder.Platform] = [] };

    public static async Task<ApiWorld> BuildAsync(DemoPortal portal)
    {
        var foreign = await ForeignAccount.PlantAsync(portal);
        var world = new ApiWorld(portal, await SweepWorld.BuildAsync(portal), foreign);
        await using var db = portal.CreateContext();
        var reviews = await db.Reviews.Select(r => new
        {
            r.ExternalId, r.Title, r.Body,
            A = db.Set<BrandSeller>().Any(s => s.BrandId == r.BrandId && s.SellerAccount!.ExternalId == SellerA),
            B = db.Set<BrandSeller>().Any(s => s.BrandId == r.BrandId && s.SellerAccount!.ExternalId == SellerB),
        }).ToListAsync();
        world.OnlyA = reviews.Where(r => r.A && !r.B).Select(r => r.ExternalId).ToList();
        world.OnlyB = reviews.Where(r => r.B && !r.A).Select(r => r.ExternalId).ToList();
        // A title or body that also belongs to a review the other account reads is not a secret of either.
        var readByB = reviews.Where(r => r.B).SelectMany(r => new[] { r.Title, r.Body }).ToHashSet();
        world._secrets[Holder.AccountA] = reviews.Where(r => r.A && !r.B).SelectMany(r => new[] { r.Title, r.Body }).Where(t => t.Length >= 12 && !readByB.Contains(t))
            .Distinct().SelectMany(Encodings).Concat(world.OnlyA.Select(id => $"\"{id}\"")).ToList();
        world._secrets[Holder.AccountB] = ForeignAccount.Markers.Concat(world.OnlyB.Select(id => $"\"{id}\"")).ToList();
        // The sweep world's contacts are on a brand both accounts sell: A also contacts a review only A reads, so that
        // a contact of A's shown to B is caught by its review's id.
        var (eligible, _) = await world.SendAsync(await world.KeyAsync(Holder.AccountA), "GET", "/api/v1/reviews?period=12m", null, null);
        var first = (await eligible.JsonAsync()).GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("eligibility").GetProperty("eligible").GetBoolean() && world.OnlyA.Contains(i.GetProperty("id").GetString()));
        await Pages.ContactSteps.ContactAsync(portal, first.GetProperty("id").GetString()!, ContactReason.CustomerSupport);
        return world;
    }

    /// <summary>A text as it may appear in an answer: as it is, and as JSON writes it (quotes, apostrophes and non-ASCII escaped).</summary>
    private static IEnumerable<string> Encodings(string text) => [text, JsonSerializer.Serialize(text)[1..^1]];

    /// <summary>
    /// The first piece of another holder's data in an answer to an account's key, or null. The platform acts for every
    /// account, so what it is shown is not checked here.
    /// </summary>
    public string? ForeignDataIn(Holder caller, string body) => caller == Holder.Platform ? null
        : _secrets.Where(s => s.Key != caller).SelectMany(s => s.Value).FirstOrDefault(s => body.Contains(s, StringComparison.Ordinal));

    /// <summary>A key of the holder with every scope of its kind (made once).</summary>
    public async Task<string> KeyAsync(Holder holder)
        => _keys.TryGetValue(holder, out var key) ? key : _keys[holder] = await NewKeyAsync(holder, ScopesOf(holder));

    public Task<string> NewKeyAsync(Holder holder, IEnumerable<string> scopes)
        => Portal.CreateKeyAsync(holder switch { Holder.AccountA => SellerA, Holder.AccountB => SellerB, _ => null }, scopes.ToArray());

    public static IReadOnlyList<string> ScopesOf(Holder holder) => holder == Holder.Platform ? ApiScopes.ForPlatform : ApiScopes.ForAccount;

    /// <summary>Something shaped exactly like a key that no key is.</summary>
    public static string UnknownKey()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return ApiKeySecrets.Start + RandomNumberGenerator.GetString(alphabet, 8) + "_" + RandomNumberGenerator.GetString(alphabet, 32);
    }

    /// <summary>A review of the holder's account only, one that account contacted (its contact is its data too); the platform reads none.</summary>
    public async Task<string?> ReviewAsync(Holder holder)
    {
        if (holder == Holder.Platform) return null;
        var only = holder == Holder.AccountA ? OnlyA : OnlyB;
        var seller = holder == Holder.AccountA ? SellerA : SellerB;
        await using var db = Portal.CreateContext();
        return await db.Contacts.Where(c => only.Contains(c.Review!.ExternalId) && db.Users.Any(u => u.Id == c.SentByUserId && u.SellerAccount!.ExternalId == seller))
            .Select(c => c.Review!.ExternalId).FirstOrDefaultAsync() ?? throw new InvalidOperationException($"{holder} contacted no review of its own");
    }

    /// <summary>A fresh external id for an object the platform writes (a PUT creates it).</summary>
    public static Task<string?> Fresh(Holder holder, string prefix)
        => Task.FromResult(holder == Holder.Platform ? $"{prefix}-SWEEP-{Guid.NewGuid():N}"[..24] : null);

    /// <summary>A valid subscription request (tests allow private targets; nothing listens there).</summary>
    public const string Hook = """{"url":"https://127.0.0.1:9/sweep","events":["refund.accepted"]}""";

    private readonly Dictionary<Holder, string?> _subscriptions = new();
    private readonly Dictionary<Holder, string?> _deliveries = new();

    /// <summary>A webhook subscription of the holder, made through the API once; a fresh one for a route that deletes it.</summary>
    public async Task<string?> SubscriptionAsync(Holder holder, bool fresh = false)
        => !fresh && _subscriptions.TryGetValue(holder, out var id) ? id
            : fresh ? await CreatedIdAsync(holder, "/api/v1/webhooks", Hook) : _subscriptions[holder] = await CreatedIdAsync(holder, "/api/v1/webhooks", Hook);

    /// <summary>"subscription/delivery": a delivery of the holder's subscription, made by a test send (its webhook-id).</summary>
    public async Task<string?> DeliveryAsync(Holder holder)
    {
        if (_deliveries.TryGetValue(holder, out var made)) return made;
        var subscription = await SubscriptionAsync(holder);
        var (response, _) = await SendAsync(await KeyAsync(holder), "POST", $"/api/v1/webhooks/{subscription}/test", null, null);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{holder} could not test {subscription}: {(int)response.StatusCode}");
        var delivery = (await response.JsonAsync()).GetProperty("webhookId").GetString();
        _secrets[holder].Add($"\"{delivery}\"");
        return _deliveries[holder] = $"{subscription}/{delivery}";
    }

    /// <summary>The id of an object the holder makes through the API itself (POST with its full key), for routes under it.</summary>
    public async Task<string?> CreatedIdAsync(Holder holder, string url, string body)
    {
        var (response, _) = await SendAsync(await KeyAsync(holder), "POST", url, body, null);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{holder} could not create {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Own(holder, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Notes the "id" of an object the holder made (from the answer that made it) as its data; returns the id.</summary>
    public string? Own(Holder holder, string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var id = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var p) ? p.GetString() : null;
        if (id is not null) _secrets[holder].Add($"\"{id}\"");
        return id;
    }

    /// <summary>Sends one tagged request with the key (or none); whether the route's endpoint ran comes back with it.</summary>
    public async Task<(HttpResponseMessage Response, bool Reached)> SendAsync(string? key, string verb, string url, string? body, ApiRoute? route)
    {
        var tag = $"api-sweep-{Interlocked.Increment(ref _tag)}";
        using var request = new HttpRequestMessage(new HttpMethod(verb), url);
        request.Headers.Add(HandlerProbe.Header, tag);
        if (key is not null) request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await Portal.Factory.NewClient().Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, route is not null && Probe.Reached(tag).Any(r => r.TrimEnd('/') == $"endpoint /{route.Pattern}"));
    }
}
