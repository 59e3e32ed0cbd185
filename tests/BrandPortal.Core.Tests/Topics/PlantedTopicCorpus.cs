using System.Text;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Generate;
using BrandPortal.Core.Topics;
using BrandPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Xunit;

namespace BrandPortal.Core.Tests.Topics;

/// <summary>
/// The demo database plus ten Acme products, each with <see cref="ReviewsPerLanguage"/> reviews in each of the five
/// languages written by the generator's own text functions — so product k carries planted defect k in about 6% of its
/// critical reviews, among the generator's filler — and the topic statistics counted by the index.
/// </summary>
public sealed class PlantedTopicCorpus : IAsyncLifetime
{
    public const int ReviewsPerLanguage = 800;
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public string ConnectionString { get; private set; } = "";
    public long BrandId { get; private set; }
    public long[] Products { get; private set; } = [];

    public BrandPortalDbContext CreateContext() => DbContextOptionsSetup.Create(ConnectionString);

    public async Task<UserAccess> UserAsync(string email)
    {
        await using var db = CreateContext();
        var id = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (await new AccessService(db).LoadAsync(id))!;
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(withDemoData: true);
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        BrandId = (long)(await new NpgsqlCommand("SELECT id FROM brands WHERE name = 'Acme'", conn).ExecuteScalarAsync())!;
        var customer = (long)(await new NpgsqlCommand("SELECT min(id) FROM customers", conn).ExecuteScalarAsync())!;
        var products = new List<long>();
        for (var k = 0; k < PlantedDefects.All.Count; k++)
        {
            await using var cmd = new NpgsqlCommand("INSERT INTO products (asin, title, brand_id) VALUES (@a, @t, @b) RETURNING id", conn);
            cmd.Parameters.AddWithValue("a", $"BTOPIC{k:D4}");
            cmd.Parameters.AddWithValue("t", SyntheticText.ProductTitle(0, k));
            cmd.Parameters.AddWithValue("b", BrandId);
            products.Add((long)(await cmd.ExecuteScalarAsync())!);
        }
        Products = [.. products];

        var sb = new StringBuilder();
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY reviews (external_id, product_id, brand_id, customer_id, rating, title, body, created_at, verified_purchase) FROM STDIN (FORMAT BINARY)"))
        {
            for (var k = 0; k < Products.Length; k++)
            for (var l = 0; l < TopicLanguage.All.Count; l++)
            for (var n = 0; n < ReviewsPerLanguage; n++)
            {
                var seed = SyntheticShape.Hash(17, 100 + k * 10 + l, n);
                var roll = (int)(seed % 100);
                // The generator's rating mix: 5★ 55%, 4★ 20%, 3★ 9%, 2★ 6%, 1★ 10%.
                short rating = roll < 55 ? (short)5 : roll < 75 ? (short)4 : roll < 84 ? (short)3 : roll < 90 ? (short)2 : (short)1;
                var defect = PlantedDefects.Of(k, rating, seed);
                await w.StartRowAsync();
                await w.WriteAsync($"TOPIC-{k}-{l}-{n}", NpgsqlDbType.Varchar);
                await w.WriteAsync(Products[k], NpgsqlDbType.Bigint);
                await w.WriteAsync(BrandId, NpgsqlDbType.Bigint);
                await w.WriteAsync(customer, NpgsqlDbType.Bigint);
                await w.WriteAsync(rating, NpgsqlDbType.Smallint);
                await w.WriteAsync(SyntheticText.ReviewTitle(rating, seed), NpgsqlDbType.Varchar);
                await w.WriteAsync(SyntheticText.ReviewBody(rating, seed, TopicLanguage.All[l], defect, sb), NpgsqlDbType.Varchar);
                await w.WriteAsync(Now.AddDays(-1 - (double)((seed >> 24) % 300)).UtcDateTime, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(false, NpgsqlDbType.Boolean);
            }
            await w.CompleteAsync();
        }
        await TopicIndex.RefreshAllAsync(ConnectionString);
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);
}
