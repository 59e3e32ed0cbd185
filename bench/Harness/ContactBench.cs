using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Generate;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Bench.Harness;

/// <summary>
/// Contact Customer through the page, as a brand representative's browser does it: GET the contact form (its
/// antiforgery token), POST the reason, expect the 302 to the review. COUNT distinct eligible reviews over CONNECTIONS
/// concurrent workers sharing one signed-in session; then wait until the SMTP sink has received one email per 302.
///   contacts PORTAL PASSWORD COUNT CONNECTIONS SINK_COUNT_FILE
/// Prints: CONTACTS posted= redirected= server_errors= other= seconds= rate= delivered= lost=
/// </summary>
public static partial class ContactBench
{
    public static async Task<int> RunAsync(string[] args, Func<int, Task<List<long>>> eligibleReviews)
    {
        var (portal, password) = (args[0].TrimEnd('/'), args[1]);
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var connections = int.Parse(args[3], CultureInfo.InvariantCulture);
        var sinkCountFile = args[4];

        var reviews = await eligibleReviews(count);
        if (reviews.Count < count) Console.Error.WriteLine($"only {reviews.Count} eligible reviews");
        // Cookies by hand: the sign-in cookie is a __Host- cookie (Secure), which CookieContainer keeps off plain http.
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = connections };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(portal), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("Cookie", await SignInAsync(http, password));

        var sinkBefore = await SinkCountAsync(sinkCountFile);
        var queue = new ConcurrentQueue<long>(reviews);
        int redirected = 0, serverErrors = 0, other = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var id))
            {
                var status = await ContactAsync(http, id);
                if (status == 302) Interlocked.Increment(ref redirected);
                else if (status >= 500) Interlocked.Increment(ref serverErrors);
                else Interlocked.Increment(ref other);
            }
        })));
        clock.Stop();

        // Every 302 queued one email; the sink must receive each of them (the dispatcher retries transient failures).
        var deadline = DateTime.UtcNow.AddMinutes(2);
        long delivered;
        while ((delivered = await SinkCountAsync(sinkCountFile) - sinkBefore) < redirected && DateTime.UtcNow < deadline) await Task.Delay(200);
        Console.WriteLine(FormattableString.Invariant(
            $"CONTACTS posted={reviews.Count} redirected={redirected} server_errors={serverErrors} other={other} seconds={clock.Elapsed.TotalSeconds:0.00} rate={redirected / clock.Elapsed.TotalSeconds:0} delivered={delivered} lost={Math.Max(0, redirected - delivered)}"));
        return serverErrors == 0 && other == 0 && delivered >= redirected ? 0 : 1;
    }

    /// <summary>Critical, verified reviews the bench user may contact: ordered through its seller within the year, not yet contacted, not blocked.</summary>
    public static async Task<List<long>> EligibleAsync(BrandPortalDbContext db, int count)
    {
        var user = await db.Users.Where(u => u.NormalizedEmail == GenerateOptions.BenchUserEmail.ToUpperInvariant())
            .Select(u => new { u.Id, u.SellerAccountId }).SingleAsync();
        var since = DateTimeOffset.UtcNow.AddDays(-300);
        return await db.UserBrandRoles.Where(r => r.UserId == user.Id && r.Role == BrandRole.BrandRepresentative)
            .SelectMany(r => db.Reviews.Where(v => v.BrandId == r.BrandId))
            .Where(v => v.Rating <= 3 && v.VerifiedPurchase && v.Order!.SellerAccountId == user.SellerAccountId && v.Order.PlacedAt > since
                        && !db.Contacts.Any(c => c.ReviewId == v.Id)
                        && !db.CustomerBrandBlocks.Any(b => b.CustomerId == v.CustomerId && b.BrandId == v.BrandId))
            .OrderByDescending(v => v.Id).Select(v => v.Id).Take(count).ToListAsync();
    }

    private static async Task<int> ContactAsync(HttpClient http, long reviewId)
    {
        var path = $"/Brands/Reviews/{reviewId}/Contact";
        using var form = await http.GetAsync(path);
        // The form must be shown (a redirect here is to the sign-in page, not a sent contact).
        if (form.StatusCode != HttpStatusCode.OK) return (int)form.StatusCode >= 500 ? (int)form.StatusCode : 0;
        var token = Token(await form.Content.ReadAsStringAsync());
        using var post = await http.PostAsync(path, new FormUrlEncodedContent([new("Reason", "CustomerSupport"), new("__RequestVerificationToken", token)]));
        var location = post.Headers.Location?.ToString() ?? "";
        return post.StatusCode == HttpStatusCode.Redirect && location.Contains("Account/Login", StringComparison.OrdinalIgnoreCase) ? 0 : (int)post.StatusCode;
    }

    /// <summary>Signs in as the bench user; returns the Cookie header (antiforgery and sign-in cookies) for every later request.</summary>
    private static async Task<string> SignInAsync(HttpClient http, string password)
    {
        var cookies = new Dictionary<string, string>();
        void Keep(HttpResponseMessage r)
        {
            foreach (var c in r.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = c.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }
        using var login = await http.GetAsync("/Account/Login");
        Keep(login);
        var token = Token(await login.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("Email", GenerateOptions.BenchUserEmail), new("Password", password), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
        Keep(response);
        return string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value
        : throw new InvalidOperationException("no antiforgery token in the form");

    private static async Task<long> SinkCountAsync(string file)
    {
        for (var i = 0; i < 50; i++)
        {
            try { return long.Parse((await File.ReadAllTextAsync(file)).Trim(), CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is IOException or FormatException) { await Task.Delay(20); }
        }
        throw new InvalidOperationException($"cannot read the sink's count from {file}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
