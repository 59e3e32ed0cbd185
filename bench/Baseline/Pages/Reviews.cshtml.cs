using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace BrandPortal.Bench.Baseline.Pages;

public sealed record ReviewRow(long Id, short Rating, string Title, string Body, DateTime CreatedAt);

/// <summary>25 newest reviews of one brand, read by the index (brand_id, created_at, id).</summary>
public sealed class ReviewsModel(NpgsqlDataSource data) : PageModel
{
    public List<ReviewRow> Rows { get; } = new(25);

    public async Task OnGetAsync(long brand = 1)
    {
        await using var cmd = data.CreateCommand(
            "SELECT id, rating, title, body, created_at FROM reviews WHERE brand_id = $1 ORDER BY created_at DESC, id DESC LIMIT 25");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = brand });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Rows.Add(new ReviewRow(reader.GetInt64(0), reader.GetInt16(1), reader.GetString(2), reader.GetString(3), reader.GetDateTime(4)));
    }
}
