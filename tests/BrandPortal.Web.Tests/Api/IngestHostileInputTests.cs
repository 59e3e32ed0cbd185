using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Api;

/// <summary>Hostile bodies and URLs on the ingest routes: a 400, 404 or 413 problem, never a 5xx, and nothing stored.</summary>
public sealed class IngestHostileInputTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private const string GoodReview = """
        {"asin": "B000ACME01", "customerId": "C1", "rating": 2, "title": "Dented", "body": "", "createdAt": "2026-05-10T08:00:00Z", "verifiedPurchase": false}
        """;

    private static string Nested(int depth) => "{\"sellers\": " + new string('[', depth) + new string(']', depth) + "}";

    private static string ReviewWithTitle(string title) => GoodReview.Replace("\"Dented\"", $"\"{title}\"");

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "malformed JSON", "PUT /api/v1/reviews/R-H1", "{\"asin\": \"B000ACME01\", " },
        { "empty body", "POST /api/v1/import", "" },
        { "not an object", "PUT /api/v1/reviews/R-H1", "[1, 2, 3]" },
        { "wrong types", "PUT /api/v1/reviews/R-H1", GoodReview.Replace("\"rating\": 2", "\"rating\": \"two\"").Replace("false", "\"no\"") },
        { "100-deep nesting", "POST /api/v1/import", Nested(100) },
        { "100-deep nesting in a record", "PUT /api/v1/sellers/S-H1", "{\"name\": " + new string('[', 100) + new string(']', 100) + "}" },
        { "escaped NUL in a string", "PUT /api/v1/reviews/R-H1", ReviewWithTitle("Den\\u0000ted") },
        { "raw NUL byte", "PUT /api/v1/reviews/R-H1", ReviewWithTitle("Den\0ted") },
        { "NUL in the id", "PUT /api/v1/sellers/S-H1", "{\"id\": \"S-H1\\u0000\", \"name\": \"N\", \"plan\": \"Individual\", \"standing\": \"Good\"}" },
        { "unknown field", "PUT /api/v1/reviews/R-H1", GoodReview.Replace("{", "{\"stars\": 5, ") },
        { "unknown section", "POST /api/v1/import", "{\"widgets\": []}" },
        { "duplicate ids", "POST /api/v1/import", "{\"reviews\": [" + GoodReview.Replace("{", "{\"id\": \"R-H2\", ") + ", " + GoodReview.Replace("{", "{\"id\": \"R-H2\", ") + "]}" },
        { "bad enum value", "PUT /api/v1/sellers/S-H1", "{\"name\": \"N\", \"plan\": \"Gold\", \"standing\": \"1\"}" },
        { "huge number", "PUT /api/v1/reviews/R-H1", GoodReview.Replace("\"rating\": 2", "\"rating\": 1e400") },
        { "unknown reference", "PUT /api/v1/reviews/R-H1", GoodReview.Replace("\"C1\"", "\"C404\"") },
        { "huge id in the URL", "PUT /api/v1/sellers/" + new string('S', 2000), "{\"name\": \"N\", \"plan\": \"Individual\", \"standing\": \"Good\"}" },
        { "a 9 MB string, under the limit", "PUT /api/v1/reviews/R-H1", ReviewWithTitle(new string('x', 9 * 1024 * 1024)) },
    };

    private async Task<(HttpClient Client, string Before)> PlatformAsync()
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync(null, "catalog:write", "orders:write", "reviews:write"));
        return (client, await IngestApiTests.SnapshotAfterFirstUseAsync(portal, client));
    }

    private static HttpRequestMessage Request(string route, HttpContent content)
    {
        var (method, url) = (route.Split(' ')[0], route.Split(' ')[1]);
        return new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
    }

    private async Task ShouldBeProblemAndStoreNothing(HttpResponseMessage response, HttpStatusCode status, string before)
    {
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        DatabaseSnapshot.Changed(before, await DatabaseSnapshot.TakeAsync(portal.ConnectionString)).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Ingest_HostileBody_Is400Problem_AndStoresNothing(string what, string route, string body)
    {
        var (client, before) = await PlatformAsync();

        var response = await client.SendAsync(Request(route, new StringContent(body, Encoding.UTF8, "application/json")));

        await ShouldBeProblemAndStoreNothing(response, HttpStatusCode.BadRequest, before);
        (await response.JsonAsync()).TryGetProperty("errors", out var errors).Should().BeTrue(what);
        errors.GetArrayLength().Should().BePositive();
    }

    [Theory]
    [InlineData("PUT /api/v1/widgets/W1")]
    [InlineData("PUT /api/v1/users/rep@acme.test")]
    [InlineData("PUT /api/v1/reviews/R1/versions")]
    [InlineData("PUT /api/v1/reviews/a/b/c")]
    public async Task Ingest_UnknownSectionOrIdWithSlashes_Is404Problem_AndStoresNothing(string route)
    {
        var (client, before) = await PlatformAsync();

        var response = await client.SendAsync(Request(route, new StringContent(GoodReview, Encoding.UTF8, "application/json")));

        await ShouldBeProblemAndStoreNothing(response, HttpStatusCode.NotFound, before);
    }

    [Theory]
    [InlineData("PUT /api/v1/reviews/R-H3", true)]
    [InlineData("PUT /api/v1/reviews/R-H3", false)]
    [InlineData("POST /api/v1/import", true)]
    [InlineData("POST /api/v1/import", false)]
    public async Task Ingest_BodyOverTheLimit_Is413Problem_WithOrWithoutContentLength_AndStoresNothing(string route, bool withLength)
    {
        var (client, before) = await PlatformAsync();
        var body = Encoding.UTF8.GetBytes(route.StartsWith("PUT", StringComparison.Ordinal)
            ? ReviewWithTitle(new string('x', 11 * 1024 * 1024))
            : "{\"reviews\": [" + string.Join(", ", Enumerable.Range(0, 65_000).Select(i => GoodReview.Replace("{", $"{{\"id\": \"R-H4-{i}\", "))) + "]}");
        body.Length.Should().BeGreaterThan(10 * 1024 * 1024);
        HttpContent content = withLength ? new ByteArrayContent(body) : new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = Request(route, content);
        if (!withLength) request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await ShouldBeProblemAndStoreNothing(response, HttpStatusCode.RequestEntityTooLarge, before);
    }

    [Theory]
    [InlineData("PUT /api/v1/reviews/R-H5", "text/plain")]
    [InlineData("PUT /api/v1/reviews/R-H5", "application/x-www-form-urlencoded")]
    [InlineData("PUT /api/v1/reviews/R-H5", null)]
    [InlineData("POST /api/v1/import", "text/csv")]
    [InlineData("POST /api/v1/import", "application/json; charset=iso-8859-1")]
    [InlineData("POST /api/v1/import", "multipart/form-data; boundary=x")]
    public async Task Ingest_BodyNotDeclaredJsonInUtf8_Is415Problem_AndStoresNothing(string route, string? contentType)
    {
        var (client, before) = await PlatformAsync();
        var json = route.StartsWith("PUT", StringComparison.Ordinal) ? GoodReview : "{\"reviews\": [" + GoodReview.Replace("{", "{\"id\": \"R-H5\", ") + "]}";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await client.SendAsync(Request(route, content));

        await ShouldBeProblemAndStoreNothing(response, HttpStatusCode.UnsupportedMediaType, before);
        (await response.JsonAsync()).GetProperty("detail").GetString().Should().Contain("application/json");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.brandportal.import+json")]
    public async Task Ingest_JsonContentTypes_AreAccepted(string contentType)
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync(null, "reviews:write"));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(GoodReview));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await client.SendAsync(Request("PUT /api/v1/reviews/R-H6", content));

        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Import_RefusedFor415_DoesNotTakeItsIdempotencyKey()
    {
        var client = portal.ApiClient(await portal.CreateKeyAsync(null, "reviews:write"));
        var json = "{\"reviews\": [" + GoodReview.Replace("{", "{\"id\": \"R-H7\", ") + "]}";
        var key = Guid.NewGuid().ToString();
        var wrong = Request("POST /api/v1/import", new StringContent(json, Encoding.UTF8, "text/plain"));
        wrong.Headers.Add("Idempotency-Key", key);
        var right = Request("POST /api/v1/import", new StringContent(json, Encoding.UTF8, "application/json"));
        right.Headers.Add("Idempotency-Key", key);

        (await client.SendAsync(wrong)).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        var response = await client.SendAsync(right);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
    }
}
