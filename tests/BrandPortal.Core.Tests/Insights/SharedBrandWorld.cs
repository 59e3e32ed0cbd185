using BrandPortal.Core.Data;
using BrandPortal.Core.Import;
using FluentAssertions;

namespace BrandPortal.Core.Tests.Insights;

/// <summary>
/// Sellers S1 and S3 sharing brand B1 (B2 is S1's alone), a representative of each, customer C1 and one product per
/// brand, imported with the given reviews (id, rating) through the real import.
/// </summary>
internal static class SharedBrandWorld
{
    public const string RepS1 = "rep@s1.test";
    public const string RepS3 = "rep@s3.test";

    public static async Task ImportAsync(BrandPortalDbContext db, (string Id, int Rating)[] reviews, DateTimeOffset createdAt, string brand = "B1",
        string title = "t", string body = "b")
    {
        var at = createdAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var asin = brand == "B1" ? "B00000000A" : "B00000000B";
        var items = string.Join(",", reviews.Select(r => System.Text.Json.JsonSerializer.Serialize(new
        {
            id = r.Id, asin, customerId = "C1", rating = r.Rating, title, body, createdAt = at, verifiedPurchase = false,
        })));
        var json = $$$"""
        {
          "sellers": [{"id":"S1","name":"One","plan":"Professional","standing":"Good"},{"id":"S3","name":"Three","plan":"Professional","standing":"Good"}],
          "brands": [{"id":"B1","name":"Shared","registered":true,"sellerIds":["S1","S3"]},{"id":"B2","name":"Own","registered":true,"sellerIds":["S1"]}],
          "users": [
            {"email":"{{{RepS1}}}","password":"a-long-password-1","sellerId":"S1","brandRoles":[{"brandId":"B1","role":"BrandRepresentative"},{"brandId":"B2","role":"BrandRepresentative"}],"permissions":{"CustomerReviews":"ViewAndEdit"}},
            {"email":"{{{RepS3}}}","password":"a-long-password-3","sellerId":"S3","brandRoles":[{"brandId":"B1","role":"BrandRepresentative"}],"permissions":{"CustomerReviews":"View"}}
          ],
          "customers": [{"id":"C1","name":"Jane Doe","email":"jane@x.test","password":"a-long-password-2"}],
          "products": [{"asin":"B00000000A","brandId":"B1","title":"Kettle"},{"asin":"B00000000B","brandId":"B2","title":"Toaster"}],
          "reviews": [{{{items}}}]
        }
        """;
        var result = await new ImportService(db).ImportAsync(json);
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors));
    }
}
