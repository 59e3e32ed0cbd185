using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>The demo portal served by Kestrel on a loopback port: request bodies travel over a real socket.</summary>
public sealed class LoopbackDemoPortal : DemoPortal
{
    public string BaseAddress { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseAddress = Factory.StartOnLoopbackAsync();
    }
}

/// <summary>Over a real socket, a body over Api:MaxRequestBodyBytes is refused with 413 whether or not it declares its length.</summary>
public sealed class IngestBodyLimitOverKestrelTests(LoopbackDemoPortal portal) : IClassFixture<LoopbackDemoPortal>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Put_ElevenMegabyteBodyOverKestrel_Is413Problem_AndStoresNothing(bool withLength)
    {
        var key = await portal.CreateKeyAsync(null, "reviews:write");
        using var client = new HttpClient { BaseAddress = new Uri(portal.BaseAddress) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await client.GetAsync("/api/v1/contacts")).StatusCode.Should().Be(HttpStatusCode.Forbidden); // the key's first use is recorded
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);
        var body = Encoding.UTF8.GetBytes("{\"asin\": \"B000ACME01\", \"customerId\": \"C1\", \"rating\": 2, \"title\": \"T\", \"body\": \""
            + new string('x', 11 * 1024 * 1024) + "\", \"createdAt\": \"2026-05-10T08:00:00Z\", \"verifiedPurchase\": false}");
        HttpContent content = withLength ? new ByteArrayContent(body) : new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/reviews/R-K1") { Content = content };
        if (!withLength) request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().BeEmpty();
    }
}
