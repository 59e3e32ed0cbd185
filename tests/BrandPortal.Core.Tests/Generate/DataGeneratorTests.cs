using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Generate;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Generate;

/// <summary>
/// What <see cref="DataGenerator"/> promises, checked on one run of 600 reviews over 6 brands (3 sellers) with seed 7:
/// the counts asked for, the shape <see cref="SyntheticShape"/> describes, the generated users, and a whole schema after.
/// </summary>
public sealed class DataGeneratorTests(GeneratedDatabase data) : IClassFixture<GeneratedDatabase>
{
    private static readonly GenerateOptions O = GeneratedDatabase.Options;
    private readonly SyntheticShape _shape = new(GeneratedDatabase.Options, GeneratedDatabase.Now);

    private BrandPortalDbContext Db() => DbContextOptionsSetup.Create(data.ConnectionString);

    private async Task<UserAccess> UserAsync(string email)
    {
        await using var db = Db();
        var id = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (await new AccessService(db).LoadAsync(id))!;
    }

    private static string Brand(int b) => $"GEN7-B{b + 1}";

    [Fact]
    public async Task Run_SmallOptions_StoresTheCountsAskedForAndSummarisesThem()
    {
        (await data.CountAsync("SELECT count(*) FROM reviews")).Should().Be(600);
        (await data.CountAsync("SELECT count(*) FROM brands")).Should().Be(6);
        (await data.CountAsync("SELECT count(*) FROM seller_accounts")).Should().Be(3);
        (await data.CountAsync("SELECT count(*) FROM customers")).Should().Be(200);
        (await data.CountAsync("SELECT count(*) FROM products")).Should().Be(_shape.Products);
        var verified = await data.CountAsync("SELECT count(*) FROM reviews WHERE verified_purchase");
        (await data.CountAsync("SELECT count(*) FROM orders")).Should().Be(verified);
        (await data.CountAsync("SELECT count(*) FROM order_items")).Should().Be(verified);
        data.Summary.Should().Be(new GenerateSummary(3, 6, data.Summary.Users, 200, _shape.Products, verified, 600, data.Summary.IndexesRebuilt));
        (await data.CountAsync("SELECT count(*) FROM users")).Should().Be(data.Summary.Users);
    }

    [Fact]
    public async Task Run_Ratings_AreAllFrom1To5AndEachOccurs()
    {
        (await data.CountAsync("SELECT count(DISTINCT rating) FROM reviews")).Should().Be(5);
        (await data.CountAsync("SELECT count(*) FROM reviews WHERE rating NOT BETWEEN 1 AND 5")).Should().Be(0);
    }

    [Fact]
    public async Task Run_CriticalShare_IsAboutTheQuarterTheShapeSkewsTo()
    {
        // 1 to 3 stars make 10% + 6% + 9% = 25% of the shape; 600 reviews put the share within a few points of it.
        var critical = await data.CountAsync("SELECT count(*) FROM reviews WHERE rating BETWEEN 1 AND 3");

        (critical / 600.0).Should().BeApproximately(0.25, 0.07);
    }

    [Fact]
    public async Task Run_VerifiedShare_IsAboutThe85PercentTheShapeSays()
    {
        var verified = await data.CountAsync("SELECT count(*) FROM reviews WHERE verified_purchase");

        (verified / 600.0).Should().BeApproximately(0.85, 0.07);
        verified.Should().BeLessThan(600, "some reviews must be unverified");
    }

    [Fact]
    public async Task Run_EveryReview_IsTheOneTheShapeComputesForItsNumber()
    {
        await using var db = Db();
        var stored = await db.Reviews.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new
            {
                r.ExternalId, r.Rating, r.Title, r.VerifiedPurchase, r.CreatedAt,
                Brand = db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.ExternalId).FirstOrDefault()!,
            }).ToListAsync();

        stored.Should().Equal(Enumerable.Range(1, 600).Select(n => _shape.Review(n)).Select(f => new
        {
            ExternalId = $"GEN7-R{f.N}", f.Rating, Title = SyntheticText.ReviewTitle(f.Rating, f.TextSeed), VerifiedPurchase = f.Verified,
            f.CreatedAt, Brand = Brand(f.Brand),
        }));
    }

    [Fact]
    public async Task Run_VerifiedReviews_HaveAnOrderOfTheReviewerForTheReviewedProductAndUnverifiedNone()
    {
        (await data.CountAsync("SELECT count(*) FROM reviews WHERE verified_purchase <> (order_id IS NOT NULL)")).Should().Be(0);
        (await data.CountAsync("""
            SELECT count(*) FROM reviews r
             WHERE r.order_id IS NOT NULL AND NOT EXISTS (
                   SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.id
                    WHERE o.id = r.order_id AND o.customer_id = r.customer_id AND i.product_id = r.product_id)
            """)).Should().Be(0);
    }

    [Fact]
    public async Task Run_Reviews_AreNoLaterThanTheClockAndNoOlderThanTwoYears()
    {
        await using var db = Db();
        var oldest = await db.Reviews.MinAsync(r => r.CreatedAt);
        var newest = await db.Reviews.MaxAsync(r => r.CreatedAt);

        newest.Should().BeBefore(GeneratedDatabase.Now);
        oldest.Should().BeOnOrAfter(GeneratedDatabase.Now.AddDays(-731));
    }

    [Fact]
    public async Task Run_BenchUser_RepresentsTheThreeBiggestBrandsWithEditRightsAndSignsInWithTheBenchPassword()
    {
        var bench = await UserAsync(GenerateOptions.BenchUserEmail);

        bench.RepresentedBrands.Select(r => r.BrandName).Should().BeEquivalentTo(Enumerable.Range(0, 3).Select(SyntheticText.BrandName));
        bench.Can(Permission.CustomerReviews, PermissionLevel.ViewAndEdit).Should().BeTrue();
        bench.SeesCustomerReviews.Should().BeTrue();
        bench.SellerStanding.Should().Be(AccountStanding.Good);
        await using var db = Db();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == bench.UserId);
        PasswordHashing.Hasher.VerifyHashedPassword(user, user.PasswordHash!, GenerateOptions.DefaultBenchPassword)
            .Should().NotBe(PasswordVerificationResult.Failed);
    }

    [Fact]
    public async Task Run_EachSeller_HasAnAccountAdministratorWhoManagesUsersAndAdministersItsPrimaryBrands()
    {
        for (var s = 0; s < O.Sellers; s++)
        {
            var admin = await UserAsync($"admin{s + 1}.gen7@gen.test");
            var primary = Enumerable.Range(0, O.Brands).Where(b => _shape.PrimarySeller(b) == s).Select(SyntheticText.BrandName);

            admin.ManagesUsers.Should().BeTrue();
            admin.SellerAccountName.Should().Be($"{SyntheticText.BrandName(s)} Trading");
            admin.BrandRoles.Where(r => r.Role == BrandRole.Administrator).Select(r => r.BrandName).Should().BeEquivalentTo(primary);
        }
    }

    [Fact]
    public async Task Run_EachBrand_HasARepresentativeOfItAloneOnItsPrimarySeller()
    {
        for (var b = 0; b < O.Brands; b++)
        {
            var rep = await UserAsync($"rep{b + 1}.gen7@gen.test");

            rep.RepresentedBrands.Select(r => r.BrandName).Should().Equal(SyntheticText.BrandName(b));
            rep.SellerAccountName.Should().Be($"{SyntheticText.BrandName(_shape.PrimarySeller(b))} Trading");
            rep.SeesCustomerReviews.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Run_SellerWithSeveralBrands_HasOneRepresentativeOfAllOfThem()
    {
        // With 6 brands over 3 sellers, seller 1 holds the three benchmark brands and brand 4; the others one brand each.
        var multi = await UserAsync("multi1.gen7@gen.test");

        multi.RepresentedBrands.Select(r => r.BrandName).Should().BeEquivalentTo(new[] { 0, 1, 2, 3 }.Select(SyntheticText.BrandName));
        await using var db = Db();
        (await db.Users.AnyAsync(u => u.Email == "multi2.gen7@gen.test" || u.Email == "multi3.gen7@gen.test")).Should().BeFalse();
    }

    [Fact]
    public async Task Run_Afterwards_EveryIndexAndForeignKeyOfTheSchemaIsBackAndValid()
    {
        var after = await SchemaObject.ReadAsync(data.ConnectionString);

        after.Should().BeEquivalentTo(data.SchemaBefore, o => o.WithStrictOrdering());
        after.Should().OnlyContain(o => o.Usable);
        var bulk = new[] { "customers", "products", "orders", "order_items", "reviews" };
        data.Summary.IndexesRebuilt.Should().Be(data.SchemaBefore.Count(o => bulk.Contains(o.Table) && o.Kind != "primary key"))
            .And.BeGreaterThan(0);
    }

    [Fact]
    public async Task Run_SameSeedAgain_IsRefusedAndAddsNothing()
    {
        var act = () => GeneratedDatabase.Generate(data.ConnectionString, O).RunAsync();

        (await act.Should().ThrowAsync<GenerateRefused>()).WithMessage("*already holds generated data*");
        (await data.CountAsync("SELECT count(*) FROM reviews")).Should().Be(600);
        (await SchemaObject.ReadAsync(data.ConnectionString)).Should().BeEquivalentTo(data.SchemaBefore);
    }
}
