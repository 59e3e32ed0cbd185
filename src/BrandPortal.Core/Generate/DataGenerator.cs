using System.Text;
using BrandPortal.Core.Data.Entities;
using Npgsql;
using NpgsqlTypes;

namespace BrandPortal.Core.Generate;

/// <summary>How far a generation run is, for a progress display. Called from several threads at once.</summary>
public interface IGenerateProgress
{
    void Start(string step, long total);
    void Advance(string step, long rows);
}

public sealed record GenerateSummary(long Sellers, long Brands, long Users, long Customers, long Products, long Orders, long Reviews, int IndexesRebuilt)
{
    public override string ToString() =>
        $"{Sellers:N0} sellers, {Brands:N0} brands, {Users:N0} users, {Customers:N0} customers, {Products:N0} products, " +
        $"{Orders:N0} orders, {Reviews:N0} reviews; {IndexesRebuilt} indexes and foreign keys rebuilt";
}

public sealed class GenerateRefused(string message) : Exception(message);

/// <summary>
/// Fills a migrated database with synthetic sellers, brands, users, customers, products, orders and reviews through
/// binary COPY, in bounded memory: rows are computed one at a time from (seed, row number) and streamed, never held.
/// Generated rows come after whatever the database already holds (ids continue from the current maxima), so it can
/// run on top of the demo data; running twice with the same seed is refused.
/// </summary>
public sealed partial class DataGenerator(string connectionString, GenerateOptions options, TimeProvider clock)
{
    private const int ProgressEvery = 10_000;
    private static readonly string[] BulkTables = ["customers", "products", "orders", "order_items", "reviews"];
    private static readonly string[] IdTables = ["seller_accounts", "brands", "users", "customers", "products", "orders", "order_items", "reviews"];

    private readonly SyntheticShape _shape = new(options, clock.GetUtcNow());
    private readonly Dictionary<string, long> _base = [];
    private string Prefix => $"GEN{options.Seed}";

    public async Task<GenerateSummary> RunAsync(IGenerateProgress? progress = null, CancellationToken ct = default)
    {
        if (options.Reviews < 1 || options.Brands < 1) throw new GenerateRefused("--reviews and --brands must be at least 1.");
        if (_shape.Products >= 1_000_000) throw new GenerateRefused("Too many products for the ASIN scheme: use fewer brands.");
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await RefuseIfGeneratedAsync(conn, ct);
        foreach (var table in IdTables)
            _base[table] = (long)(await Scalar(conn, $"SELECT COALESCE(max(id), 0) FROM {table}", ct))!;

        var indexes = await BulkLoadIndexes.DropAsync(conn, BulkTables, ct);
        var rebuilt = indexes.Count;
        long orders = 0, users;
        try
        {
            progress?.Start("reference data", 4);
            await CopySellersAndBrandsAsync(conn, ct);
            progress?.Advance("reference data", 1);
            users = await CopyUsersAsync(conn, ct);
            progress?.Advance("reference data", 1);
            await CopyProductsAsync(conn, ct);
            progress?.Advance("reference data", 1);
            await CopyCustomersAsync(conn, progress, ct);
            progress?.Advance("reference data", 1);

            // Reviews, orders and order items stream on three sessions at once: each COPY is one server process.
            progress?.Start("reviews", options.Reviews);
            progress?.Start("orders", options.Reviews);
            progress?.Start("order items", options.Reviews);
            var ordersTask = Task.Run(() => CopyOrders(progress, ct), ct);
            await Task.WhenAll(
                Task.Run(() => CopyReviews(progress, ct), ct),
                ordersTask,
                Task.Run(() => CopyOrderItems(progress, ct), ct));
            orders = ordersTask.Result;
        }
        finally
        {
            // Even a failed load leaves the schema whole.
            progress?.Start("indexes", indexes.Count);
            await indexes.RestoreAsync(connectionString, 2, _ => progress?.Advance("indexes", 1), CancellationToken.None);
        }

        progress?.Start("vacuum + analyze", 1);
        foreach (var table in IdTables)
            await Scalar(conn, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))", ct);
        // VACUUM as well as ANALYZE: it sets the visibility map, without which every index-only scan of the review
        // list still visits the table (autovacuum would get there later; a benchmark must not depend on when).
        foreach (var table in BulkTables) await Scalar(conn, $"VACUUM (ANALYZE) {table}", ct);
        await Scalar(conn, "ANALYZE", ct);
        progress?.Advance("vacuum + analyze", 1);
        // The reviews' insert trigger marked every (product, month) the COPY filled in topic_stale; counting them
        // (TopicIndex.RefreshAllAsync) is left to the caller: the CLI's generate does it, test fixtures need not wait.
        return new GenerateSummary(options.Sellers, options.Brands, users, options.Customers, _shape.Products, orders, options.Reviews, rebuilt);
    }

    private async Task RefuseIfGeneratedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM seller_accounts WHERE external_id = @seller) OR EXISTS (SELECT 1 FROM users WHERE normalized_email = @bench)", conn);
        cmd.Parameters.AddWithValue("seller", $"{Prefix}-S1");
        cmd.Parameters.AddWithValue("bench", GenerateOptions.BenchUserEmail.ToUpperInvariant());
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
            throw new GenerateRefused($"This database already holds generated data (seed {options.Seed} or the user {GenerateOptions.BenchUserEmail}); generate into a fresh database.");
    }

    private static async Task<object?> Scalar(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return await cmd.ExecuteScalarAsync(ct);
    }

    private long Id(string table, long n) => _base[table] + n;
    private long BrandId(int b) => Id("brands", b + 1);
    private long SellerId(int s) => Id("seller_accounts", s + 1);

    private async Task CopySellersAndBrandsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using (var w = await conn.BeginBinaryImportAsync("COPY seller_accounts (id, external_id, name, plan, standing) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var s = 0; s < options.Sellers; s++)
            {
                var h = SyntheticShape.Hash(options.Seed, 2, s);
                // Seller 0 sells the benchmark brands and is in good standing; others vary as real accounts do.
                var plan = s == 0 || h % 100 < 85 ? SellerPlan.Professional : SellerPlan.Individual;
                var standing = s == 0 || h / 100 % 100 < 90 ? AccountStanding.Good : h / 100 % 100 < 97 ? AccountStanding.AtRisk : AccountStanding.Deactivated;
                await w.StartRowAsync(ct);
                await w.WriteAsync(SellerId(s), NpgsqlDbType.Bigint, ct);
                await w.WriteAsync($"{Prefix}-S{s + 1}", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync($"{SyntheticText.BrandName(s)} Trading", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(plan.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(standing.ToString(), NpgsqlDbType.Varchar, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY brands (id, external_id, name, registered) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var b = 0; b < options.Brands; b++)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(BrandId(b), NpgsqlDbType.Bigint, ct);
                await w.WriteAsync($"{Prefix}-B{b + 1}", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(SyntheticText.BrandName(b), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b < GenerateOptions.BenchBrandCount || SyntheticShape.Hash(options.Seed, 3, b) % 100 < 95, NpgsqlDbType.Boolean, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync("COPY brand_sellers (brand_id, seller_account_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var b = 0; b < options.Brands; b++)
            {
                await w.WriteRowAsync(ct, BrandId(b), SellerId(_shape.PrimarySeller(b)));
                if (_shape.SecondSeller(b) is { } second) await w.WriteRowAsync(ct, BrandId(b), SellerId(second));
            }
            await w.CompleteAsync(ct);
        }
    }

    private async Task CopyProductsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("COPY products (id, asin, title, brand_id) FROM STDIN (FORMAT BINARY)", ct);
        for (long p = 1; p <= _shape.Products; p++)
        {
            var brand = _shape.BrandOfProduct(p);
            await w.StartRowAsync(ct);
            await w.WriteAsync(Id("products", p), NpgsqlDbType.Bigint, ct);
            await w.WriteAsync($"G{options.Seed % 1000:D3}{p:D6}", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(SyntheticText.ProductTitle(brand, p), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(BrandId(brand), NpgsqlDbType.Bigint, ct);
        }
        await w.CompleteAsync(ct);
    }

    private async Task CopyCustomersAsync(NpgsqlConnection conn, IGenerateProgress? progress, CancellationToken ct)
    {
        progress?.Start("customers", options.Customers);
        await using var w = await conn.BeginBinaryImportAsync("COPY customers (id, external_id, name, email) FROM STDIN (FORMAT BINARY)", ct);
        for (long c = 1; c <= options.Customers; c++)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(Id("customers", c), NpgsqlDbType.Bigint, ct);
            await w.WriteAsync($"{Prefix}-C{c}", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(SyntheticText.CustomerName(c), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync($"customer{c}.{Prefix.ToLowerInvariant()}@gen.test", NpgsqlDbType.Varchar, ct);
            if (c % ProgressEvery == 0) progress?.Advance("customers", ProgressEvery);
        }
        await w.CompleteAsync(ct);
        progress?.Advance("customers", options.Customers % ProgressEvery);
    }

    // The three streams below run on their own threads with the synchronous COPY API: no async state machine per value.

    private void CopyReviews(IGenerateProgress? progress, CancellationToken ct)
    {
        using var conn = new NpgsqlConnection(connectionString);
        conn.Open();
        using var w = conn.BeginBinaryImport("""
            COPY reviews (id, external_id, product_id, brand_id, customer_id, rating, title, body, created_at, verified_purchase, order_id)
            FROM STDIN (FORMAT BINARY)
            """);
        var sb = new StringBuilder(256);
        for (long n = 1; n <= options.Reviews; n++)
        {
            var f = _shape.Review(n);
            w.StartRow();
            w.Write(Id("reviews", n), NpgsqlDbType.Bigint);
            w.Write($"{Prefix}-R{n}", NpgsqlDbType.Varchar);
            w.Write(Id("products", f.ProductId), NpgsqlDbType.Bigint);
            w.Write(BrandId(f.Brand), NpgsqlDbType.Bigint);
            w.Write(Id("customers", f.CustomerId), NpgsqlDbType.Bigint);
            w.Write(f.Rating, NpgsqlDbType.Smallint);
            w.Write(SyntheticText.ReviewTitle(f.Rating, f.TextSeed), NpgsqlDbType.Varchar);
            // In the marketplace's language; the first products of each brand carry a planted defect (topic quality).
            var defect = PlantedDefects.Of(_shape.ProductIndexInBrand(f), f.Rating, f.TextSeed);
            w.Write(SyntheticText.ReviewBody(f.Rating, f.TextSeed, SyntheticLanguages.OfMarketplace(f.Marketplace), defect, sb), NpgsqlDbType.Varchar);
            w.Write(f.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            w.Write(f.Verified, NpgsqlDbType.Boolean);
            if (f.Verified) w.Write(Id("orders", n), NpgsqlDbType.Bigint);
            else w.WriteNull();
            if (n % ProgressEvery == 0) { progress?.Advance("reviews", ProgressEvery); ct.ThrowIfCancellationRequested(); }
        }
        w.Complete();
        progress?.Advance("reviews", options.Reviews % ProgressEvery);
    }

    /// <summary>One order per verified review (order id = review number, so ids have gaps where reviews are unverified).</summary>
    private long CopyOrders(IGenerateProgress? progress, CancellationToken ct)
    {
        using var conn = new NpgsqlConnection(connectionString);
        conn.Open();
        using var w = conn.BeginBinaryImport("COPY orders (id, external_id, customer_id, seller_account_id, marketplace, placed_at) FROM STDIN (FORMAT BINARY)");
        long count = 0;
        for (long n = 1; n <= options.Reviews; n++)
        {
            var f = _shape.Review(n);
            if (f.Verified)
            {
                count++;
                w.StartRow();
                w.Write(Id("orders", n), NpgsqlDbType.Bigint);
                w.Write($"{options.Seed % 1000:D3}-{n / 10_000_000 % 10_000_000:D7}-{n % 10_000_000:D7}", NpgsqlDbType.Varchar);
                w.Write(Id("customers", f.CustomerId), NpgsqlDbType.Bigint);
                w.Write(SellerId(f.Seller), NpgsqlDbType.Bigint);
                w.Write(f.Marketplace, NpgsqlDbType.Varchar);
                w.Write(f.PlacedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }
            if (n % ProgressEvery == 0) { progress?.Advance("orders", ProgressEvery); ct.ThrowIfCancellationRequested(); }
        }
        w.Complete();
        progress?.Advance("orders", options.Reviews % ProgressEvery);
        return count;
    }

    private void CopyOrderItems(IGenerateProgress? progress, CancellationToken ct)
    {
        using var conn = new NpgsqlConnection(connectionString);
        conn.Open();
        using var w = conn.BeginBinaryImport("COPY order_items (id, order_id, product_id, quantity, unit_price, currency) FROM STDIN (FORMAT BINARY)");
        for (long n = 1; n <= options.Reviews; n++)
        {
            var f = _shape.Review(n);
            if (f.Verified)
            {
                w.StartRow();
                w.Write(Id("order_items", n), NpgsqlDbType.Bigint);
                w.Write(Id("orders", n), NpgsqlDbType.Bigint);
                w.Write(Id("products", f.ProductId), NpgsqlDbType.Bigint);
                w.Write(f.Quantity, NpgsqlDbType.Integer);
                w.Write(f.UnitPrice, NpgsqlDbType.Numeric);
                w.Write(SyntheticShape.CurrencyOf(f.Marketplace), NpgsqlDbType.Char);
            }
            if (n % ProgressEvery == 0) { progress?.Advance("order items", ProgressEvery); ct.ThrowIfCancellationRequested(); }
        }
        w.Complete();
        progress?.Advance("order items", options.Reviews % ProgressEvery);
    }
}
