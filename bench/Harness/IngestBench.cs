using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BrandPortal.Bench.Harness;

/// <summary>
/// bench/run's ingest block.
///   ingest write DIR N       writes DIR/catalog.json (a seller, a brand, 200 products, 40 customers with passwords),
///                            DIR/reviews.json (N orders and their N reviews), DIR/batch-*.json (the same, 1,000 a file)
///                            and DIR/parallel-*.json (N other orders and reviews, 1,000 a file)
///   ingest post URL KEY DIR [C]  POSTs catalog.json (untimed), then every batch in turn to URL/api/v1/import; prints
///                            `INGEST_API reviews=… seconds=… rate=…`; with C > 1 then POSTs the parallel files on C
///                            connections at once (as a platform feeding several streams would) and prints
///                            `INGEST_API_PARALLEL reviews=… seconds=… rate=… connections=C`
/// The catalog is loaded untimed on both sides: a new customer's password is hashed (PBKDF2, 210,000 iterations), which
/// measures the hash, not the ingest; the timed part is orders and reviews, the marketplace's steady stream.
/// </summary>
public static class IngestBench
{
    private const int Customers = 40, Products = 200, BatchSize = 1000;

    public static async Task<int> RunAsync(string[] args) => args switch
    {
        ["write", var dir, var n] => Write(dir, int.Parse(n, CultureInfo.InvariantCulture)),
        ["post", var url, var key, var dir] => await PostAsync(url, key, dir, 1),
        ["post", var url, var key, var dir, var c] => await PostAsync(url, key, dir, int.Parse(c, CultureInfo.InvariantCulture)),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Harness ingest write DIR N | ingest post URL KEY DIR [CONNECTIONS]");
        return 2;
    }

    private static int Write(string dir, int n)
    {
        Directory.CreateDirectory(dir);
        var catalog = new
        {
            sellers = new[] { new { id = "SI1", name = "Ingest Trading", plan = "Professional", standing = "Good" } },
            brands = new[] { new { id = "BI1", name = "Ingestco", registered = true, sellerIds = new[] { "SI1" } } },
            customers = Enumerable.Range(0, Customers).Select(c => new
            {
                id = $"CI{c}", name = $"Customer {c}", email = $"customer{c}@ingest.test", password = "Ingest-Bench-Password-2026",
            }),
            products = Enumerable.Range(0, Products).Select(p => new { asin = $"B0INGE{p:D4}", brandId = "BI1", title = $"Ingest product {p}" }),
        };
        File.WriteAllText(Path.Combine(dir, "catalog.json"), JsonSerializer.Serialize(catalog));

        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        object Order(int i) => new
        {
            id = $"OI-{i:D8}", customerId = $"CI{i % Customers}", sellerId = "SI1", marketplace = "US",
            placedAt = start.AddMinutes(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            items = new[] { new { asin = $"B0INGE{i % Products:D4}", quantity = 1 + i % 3, unitPrice = 9.99m + i % 50, currency = "USD" } },
        };
        object Review(int i) => new
        {
            id = $"RI-{i:D8}", asin = $"B0INGE{i % Products:D4}", customerId = $"CI{i % Customers}", orderId = $"OI-{i:D8}",
            rating = 1 + i % 5, title = $"Review {i}", body = $"Review number {i}: the product arrived on time and works as described, mostly.",
            createdAt = start.AddMinutes(i).AddDays(3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), verifiedPurchase = true,
        };
        string File_(IEnumerable<int> ids) => JsonSerializer.Serialize(new { orders = ids.Select(Order), reviews = ids.Select(Review) });
        File.WriteAllText(Path.Combine(dir, "reviews.json"), File_(Enumerable.Range(0, n)));
        for (var b = 0; b * BatchSize < n; b++)
        {
            File.WriteAllText(Path.Combine(dir, $"batch-{b:D4}.json"), File_(Enumerable.Range(b * BatchSize, Math.Min(BatchSize, n - b * BatchSize))));
            File.WriteAllText(Path.Combine(dir, $"parallel-{b:D4}.json"), File_(Enumerable.Range(n + b * BatchSize, Math.Min(BatchSize, n - b * BatchSize))));
        }
        Console.WriteLine($"INGEST_FILES reviews={n} batches={(n + BatchSize - 1) / BatchSize}");
        return 0;
    }

    private static async Task<int> PostAsync(string url, string key, string dir, int connections)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        // Bodies read from disk before the clock starts: the figure is the portal's, not the disk's.
        var bodies = Directory.GetFiles(dir, "*.json").ToDictionary(f => f, File.ReadAllBytes);
        async Task<int> Post(string file)
        {
            using var content = new ByteArrayContent(bodies[file]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import") { Content = content };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{file}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
            return JsonDocument.Parse(body).RootElement.GetProperty("reviews").GetInt32();
        }
        await Post(Path.Combine(dir, "catalog.json"));
        var batches = Directory.GetFiles(dir, "batch-*.json").Order(StringComparer.Ordinal).ToList();
        var timer = Stopwatch.StartNew();
        var reviews = 0;
        foreach (var batch in batches) reviews += await Post(batch);
        var seconds = timer.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"INGEST_API reviews={reviews} seconds={seconds:F2} rate={reviews / seconds:F0}"));
        if (connections <= 1) return 0;

        // The other half of the reviews, on several connections at once: each worker takes the next file until none is left.
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(Directory.GetFiles(dir, "parallel-*.json").Order(StringComparer.Ordinal));
        timer.Restart();
        var counts = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var mine = 0;
            while (queue.TryDequeue(out var file)) mine += await Post(file);
            return mine;
        }));
        seconds = timer.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"INGEST_API_PARALLEL reviews={counts.Sum()} seconds={seconds:F2} rate={counts.Sum() / seconds:F0} connections={connections}"));
        return 0;
    }
}
