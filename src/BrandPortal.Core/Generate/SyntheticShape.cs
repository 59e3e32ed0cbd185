namespace BrandPortal.Core.Generate;

/// <summary>What to generate. Sizes are counts; <see cref="Seed"/> makes two runs produce the same data.</summary>
public sealed record GenerateOptions(int Reviews, int Brands, int Seed = 1, string BenchPassword = GenerateOptions.DefaultBenchPassword)
{
    public const string DefaultBenchPassword = "BrandPortal-Bench-2026";
    public const string BenchUserEmail = "bench.rep@bench.test";

    /// <summary>The brands the benchmark user represents: the three with the most reviews (see <see cref="SyntheticShape.BrandOf"/>).</summary>
    public const int BenchBrandCount = 3;

    /// <summary>
    /// An agency user on the benchmark seller account representing <see cref="AgencyBrandCount"/> brands: the three
    /// benchmark brands and the rest spread evenly over the other brands (big and small alike), as an agency that
    /// manages many clients' brands would.
    /// </summary>
    public const string AgencyUserEmail = "agency@bench.test";

    public const int AgencyBrandCount = 500;

    /// <summary>The brand indexes of the agency user: all of them when there are no more than <see cref="AgencyBrandCount"/>.</summary>
    public int[] AgencyBrands()
    {
        if (Brands <= AgencyBrandCount) return Enumerable.Range(0, Brands).ToArray();
        var others = AgencyBrandCount - BenchBrandCount;
        var step = (Brands - BenchBrandCount) / (double)others;
        return Enumerable.Range(0, BenchBrandCount).Concat(Enumerable.Range(0, others).Select(i => BenchBrandCount + (int)(i * step))).ToArray();
    }

    public int Sellers => Math.Max(1, Brands / 2);
    public int Customers => Math.Max(10, Reviews / 3);
}

/// <summary>
/// The deterministic shape of generated data: every fact of review n is a pure function of (seed, n), so that the
/// reviews and the orders behind them can be streamed by two COPY connections at once without sharing state.
/// </summary>
public sealed class SyntheticShape
{
    private readonly GenerateOptions _o;
    private readonly long[] _firstProduct;
    private readonly int[] _productCount;

    public SyntheticShape(GenerateOptions options, DateTimeOffset now)
    {
        _o = options;
        Now = now;
        _firstProduct = new long[options.Brands];
        _productCount = new int[options.Brands];
        long next = 1;
        for (var b = 0; b < options.Brands; b++)
        {
            // Brands with many reviews sell more products: roughly one product per 200 expected reviews, 2 to 200 of them.
            var expected = options.Reviews * (Math.Cbrt((b + 1.0) / options.Brands) - Math.Cbrt((double)b / options.Brands));
            _productCount[b] = (int)Math.Clamp(expected / 200, 2, 200);
            _firstProduct[b] = next;
            next += _productCount[b];
        }
        Products = next - 1;
    }

    public DateTimeOffset Now { get; }
    public long Products { get; }
    public GenerateOptions Options => _o;

    /// <summary>Zero-based brand index of product number p (1-based), by binary search over the contiguous ranges.</summary>
    public int BrandOfProduct(long p)
    {
        var i = Array.BinarySearch(_firstProduct, p);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>Zero-based place of the review's product among its brand's products.</summary>
    public long ProductIndexInBrand(ReviewFacts f) => f.ProductId - _firstProduct[f.Brand];

    /// <summary>
    /// Reviews are spread over brands like real marketplaces: a few brands hold most of them. u³ puts about 4.6% of all
    /// reviews on the first brand and ~50 on the last of 10,000.
    /// </summary>
    public int BrandOf(ref RowRandom r)
    {
        var u = r.NextDouble();
        return Math.Min(_o.Brands - 1, (int)(_o.Brands * u * u * u));
    }

    /// <summary>Seller accounts associated with brand b: a primary one (all bench brands share seller 0) and, for one brand in five, a second.</summary>
    public int PrimarySeller(int b) => b < GenerateOptions.BenchBrandCount ? 0 : b % _o.Sellers;

    public int? SecondSeller(int b)
    {
        if (_o.Sellers < 2 || Hash(_o.Seed, 7, b) % 5 != 0) return null;
        var s = (int)((PrimarySeller(b) + 1 + (int)(Hash(_o.Seed, 8, b) % (ulong)(_o.Sellers - 1))) % _o.Sellers);
        return s == PrimarySeller(b) ? null : s;
    }

    public ReviewFacts Review(long n)
    {
        var r = new RowRandom(_o.Seed, n);
        var brand = BrandOf(ref r);
        var product = _firstProduct[brand] + r.Next(_productCount[brand]);
        var customer = 1 + r.NextLong(_o.Customers);
        var roll = r.Next(100);
        // Ratings skew like real reviews: 5★ 55%, 4★ 20%, 3★ 9%, 2★ 6%, 1★ 10%.
        short rating = roll < 55 ? (short)5 : roll < 75 ? (short)4 : roll < 84 ? (short)3 : roll < 90 ? (short)2 : (short)1;
        var createdAt = Now.AddSeconds(-r.NextLong(730L * 24 * 3600)).AddSeconds(-3600);
        var verified = r.Next(100) < 85;
        // Mostly sold by the brand's primary seller; some orders went through another seller (SellerOfRecord then fails).
        var seller = r.Next(100) < 90 || SecondSeller(brand) is not { } second ? PrimarySeller(brand) : second;
        var placedAt = createdAt.AddSeconds(-(3600 + r.NextLong(40L * 24 * 3600)));
        var marketplace = Marketplaces[r.Next(Marketplaces.Length)];
        var quantity = r.Next(10) < 8 ? 1 : 2 + r.Next(3);
        var priceCents = 499 + r.Next(25000);
        var textSeed = r.NextULong();
        return new ReviewFacts(n, brand, product, customer, rating, createdAt, verified, seller, placedAt, marketplace, quantity,
            priceCents / 100m, textSeed);
    }

    private static readonly string[] Marketplaces = ["US", "US", "US", "US", "UK", "UK", "DE", "DE", "FR", "ES", "JP"];

    public static string CurrencyOf(string marketplace) => marketplace switch
    {
        "US" => "USD", "UK" => "GBP", "JP" => "JPY", _ => "EUR",
    };

    public static ulong Hash(int seed, int stream, long n)
    {
        var x = (ulong)n * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)seed << 32 | (uint)stream);
        return SplitMix(ref x);
    }

    internal static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

public readonly record struct ReviewFacts(
    long N, int Brand, long ProductId, long CustomerId, short Rating, DateTimeOffset CreatedAt, bool Verified,
    int Seller, DateTimeOffset PlacedAt, string Marketplace, int Quantity, decimal UnitPrice, ulong TextSeed);

/// <summary>A small, allocation-free random stream for one row (SplitMix64): cheap to create per row, deterministic.</summary>
public struct RowRandom(int seed, long n)
{
    private ulong _state = SyntheticShape.Hash(seed, 1, n);

    public ulong NextULong() => SyntheticShape.SplitMix(ref _state);
    public int Next(int max) => (int)(NextULong() % (ulong)max);
    public long NextLong(long max) => (long)(NextULong() % (ulong)max);
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));
}
