using System.Net.Http.Headers;
using System.Text.Json;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Tests.Api;

/// <summary>Keys made by the portal's own service, and HTTP clients that send them.</summary>
public static class ApiKit
{
    public static async Task<string> CreateKeyAsync(this DemoPortal portal, string? seller, params string[] scopes)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateFromCommandLineAsync(Actor.System, seller is null ? ApiKeyKind.Platform : ApiKeyKind.Account, seller,
            "test key", scopes);
        return created.Key ?? throw new InvalidOperationException(created.Outcome.Message);
    }

    public static async Task RevokeAsync(this DemoPortal portal, string key)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeByPrefixAsync(Actor.System, key[..ApiKeySecrets.PrefixLength]);
    }

    /// <summary>A client with no cookies that sends the key (or nothing) as a bearer token.</summary>
    public static HttpClient ApiClient(this DemoPortal portal, string? key)
    {
        var client = portal.Factory.NewClient().Http;
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The three demo contacts of rep.two@acme.test (account S1), as `seed-demo` makes them.</summary>
    public static async Task<int> SeedDemoContactsAsync(this DemoPortal portal)
    {
        // The portal's own context: AccessService's compiled query belongs to the portal's model.
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrandPortal.Core.Data.BrandPortalDbContext>();
        var options = portal.Factory.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        return await DemoContacts.SeedAsync(db, options, TimeProvider.System);
    }
}
