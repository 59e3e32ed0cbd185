using System.Net;
using System.Net.Http.Headers;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Hosting;

public sealed class PipelineTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Page_WhenClientAcceptsCompression_IsCompressed(string encoding)
    {
        var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().Equal(encoding);
    }

    [Fact]
    public async Task StaticAsset_Versioned_IsCachedForAYear()
    {
        var response = await portal.Factory.CreateClient().GetAsync("/css/site.css?v=abc");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.ToString().Should().Contain("max-age=31536000").And.Contain("immutable");
    }

    [Fact]
    public async Task StaticAsset_Unversioned_IsRevalidatedHourly()
    {
        var response = await portal.Factory.CreateClient().GetAsync("/css/site.css");
        response.Headers.CacheControl!.MaxAge.Should().Be(TimeSpan.FromHours(1));
    }
}
