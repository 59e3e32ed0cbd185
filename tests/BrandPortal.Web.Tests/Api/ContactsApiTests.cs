using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>GET /api/v1/contacts: the key's own account's contacts only, with external ids.</summary>
public sealed class ContactsApiTests(DemoPortal portal) : IClassFixture<DemoPortal>, IAsyncLifetime
{
    // A second run makes none (the reviews are contacted already): the three are there either way.
    public async Task InitializeAsync() => await portal.SeedDemoContactsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_AccountKey_ShowsItsContactsByExternalIds_AndAnotherAccountSeesNone()
    {
        var acme = await portal.CreateKeyAsync("S1", "contacts:read");
        var globex = await portal.CreateKeyAsync("S3", "contacts:read");

        var mine = await (await portal.ApiClient(acme).GetAsync("/api/v1/contacts")).JsonAsync();
        var theirs = await (await portal.ApiClient(globex).GetAsync("/api/v1/contacts")).JsonAsync();

        var items = mine.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCountGreaterThanOrEqualTo(3);
        items.Should().OnlyContain(i => i.GetProperty("id").GetString()!.StartsWith('R'));
        items[0].GetProperty("delivery").GetString().Should().NotBeNullOrEmpty();
        mine.GetProperty("next").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        theirs.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task List_BadUpdatedSince_Is400NamingTheField()
    {
        var key = await portal.CreateKeyAsync("S1", "contacts:read");

        var response = await portal.ApiClient(key).GetAsync("/api/v1/contacts?updatedSince=yesterday");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("path").GetString().Should().Be("$.updatedSince");
    }

    [Theory]
    [InlineData("%00%01")]
    [InlineData("")]
    public async Task List_BadAfter_Is400NamingTheField(string after)
    {
        var key = await portal.CreateKeyAsync("S1", "contacts:read");

        var response = await portal.ApiClient(key).GetAsync($"/api/v1/contacts?after={after}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("path").GetString().Should().Be("$.after");
    }

    [Fact]
    public async Task List_PlatformKey_Is403()
    {
        var key = await portal.CreateKeyAsync(null, "orders:write");

        (await portal.ApiClient(key).GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
