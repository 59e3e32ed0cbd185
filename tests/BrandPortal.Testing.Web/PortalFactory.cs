using System.Net;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Html.Dom;
using BrandPortal.Core.Data;
using BrandPortal.Core.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrandPortal.Testing;

/// <summary>
/// The real portal over a real database and a real SMTP capture. In-memory HTTP by default; call
/// <see cref="StartOnLoopbackAsync"/> for a real Kestrel port (browser tests).
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    public PortalFactory(string connectionString, SmtpCapture smtp, Action<IServiceCollection>? configureServices = null,
        IDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        _environment = environment;
        _connectionString = connectionString;
        Smtp = smtp;
        _configureServices = configureServices;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
    }

    public SmtpCapture Smtp { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // Tests sign in and send far more often than a person: the limits are tested on their own (SecurityTests).
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:SendsPerMinute", "100000");
        builder.UseSetting("Api:RequestsPerMinute", "100000");
        builder.UseSetting("ConnectionStrings:BrandPortal", _connectionString);
        builder.UseSetting("Smtp:Host", Smtp.Host);
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Portal:BaseUrl", "http://127.0.0.1:5080");
        // Test receivers listen on http://127.0.0.1.
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.TryAddSingleton(Smtp);
            HandlerProbe.Register(services);
            _configureServices?.Invoke(services);
        });
    }

    public BrandPortalDbContext CreateContext() => DbContextOptionsSetup.Create(_connectionString);

    /// <summary>Serves the portal on 127.0.0.1 at a free port and returns its base address.</summary>
    public string StartOnLoopbackAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }

    /// <summary>A cookie-keeping client that does not follow redirects, signed in as the given user.</summary>
    public async Task<PortalClient> SignInAsync(string email, string password = DemoUsers.Password)
    {
        var client = NewClient();
        await client.SignInAsync(email, password);
        return client;
    }

    public PortalClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}

public static class DemoUsers
{
    public const string Password = "BrandPortal-Demo-2026";
    public const string RepTwoBrands = "rep.two@acme.test";
    public const string RepOneBrand = "rep.one@acme.test";
    public const string Viewer = "viewer@acme.test";
    public const string NoPermission = "noperm@acme.test";
    public const string RepUnregistered = "rep.northwind@acme.test";
    public const string AccountAdmin = "admin@acme.test";
    public const string RegistryAdmin = "registry@acme.test";
    public const string RepAtRisk = "rep@northwind.test";
    public const string AdminAtRisk = "admin@northwind.test";
    public const string OtherTenantRep = "rep@globex.test";
    public const string OtherTenantAdmin = "admin@globex.test";
    public const string Support = "support@brandportal.test";
    public const string Customer = "jane@example.test";
    public const string CustomerBlockingB2 = "marie@example.test";
}

/// <summary>An HTTP client that reads pages with AngleSharp and posts forms with their antiforgery token.</summary>
public sealed partial class PortalClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, await ParseAsync(html));
    }

    public static async Task<IHtmlDocument> ParseAsync(string html)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(r => r.Content(html));
    }

    /// <summary>Fetches the form page first (for its antiforgery token), then posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string action, IDictionary<string, string> fields, string? formPage = null)
    {
        var token = await AntiforgeryTokenAsync(formPage ?? action);
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await Http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public async Task<HttpResponseMessage> PostFormAsync(string action, IEnumerable<KeyValuePair<string, string>> fields, string formPage)
    {
        var token = await AntiforgeryTokenAsync(formPage);
        var all = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await Http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public async Task<string> AntiforgeryTokenAsync(string page)
    {
        var html = await Http.GetStringAsync(page);
        var match = TokenPattern().Match(html);
        if (!match.Success) throw new InvalidOperationException($"No antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => Http.Dispose();
}
