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
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), MaxConnectionsPerServer = connections };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(portal), Timeout = TimeSpan.FromSeconds(60) };
        await SignInAsync(http, password);

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
        if (form.StatusCode != HttpStatusCode.OK) return (int)form.StatusCode;
        var token = Token(await form.Content.ReadAsStringAsync());
        using var post = await http.PostAsync(path, new FormUrlEncodedContent([new("Reason", "CustomerSupport"), new("__RequestVerificationToken", token)]));
        return (int)post.StatusCode;
    }

    private static async Task SignInAsync(HttpClient http, string password)
    {
        var token = Token(await http.GetStringAsync("/Account/Login"));
        using var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent([
            new("Email", GenerateOptions.BenchUserEmail), new("Password", password), new("__RequestVerificationToken", token)]));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
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
