using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Form bodies the form reader cannot read, POSTed to every POST handler of the portal (discovered from its endpoints),
/// signed out and signed in: a page answers 400, an <c>/api</c> route (which reads no forms) its own problem — never a
/// 5xx — and nothing is stored. Found by sending a broken multipart body to the ingest API, where the guard that reads
/// every form failed on it.
/// </summary>
public sealed class MalformedFormBodyTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    public static TheoryData<string, string, string> Bodies => new()
    {
        { "multipart body that ends before its boundary", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue" },
        { "multipart body that never names its boundary", "multipart/form-data; boundary=x", "no boundary here at all" },
        { "multipart body without a boundary parameter", "multipart/form-data", "--x\r\n\r\n--x--" },
        { "multipart part without headers", "multipart/form-data; boundary=x", "--x\r\n\r\n\r\n--x--\r\n" },
        { "url-encoded body with a NUL", "application/x-www-form-urlencoded", "a=%00" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task EveryPostHandler_WithAnUnreadableForm_Is400AndStoresNothing(string what, string contentType, string body)
    {
        var handlers = PageCatalog.Discover(portal.Factory.Services).Where(h => h.Verb == "POST").ToList();
        handlers.Should().NotBeEmpty();
        using var signedIn = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var before = await DatabaseSnapshot.TakeAsync(portal.ConnectionString);
        var failures = new List<string>();
        var sent = 0;

        foreach (var handler in handlers)
        foreach (var client in new[] { portal.Factory.CreateClient(new() { AllowAutoRedirect = false }), signedIn.Http })
        {
            var url = handler.Url(handler.RouteParameters.ToDictionary(p => p, _ => "1"));
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            var response = await client.PostAsync(url, content);
            sent++;
            var api = url.StartsWith("/api/", StringComparison.Ordinal);
            var expected = api ? (int)response.StatusCode is >= 400 and < 500 && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                               : response.StatusCode == HttpStatusCode.BadRequest;
            if (!expected) failures.Add($"{handler} ({url}): {(int)response.StatusCode}");
        }

        failures.Should().BeEmpty(what);
        sent.Should().Be(handlers.Count * 2);
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().BeEmpty();
    }
}
