using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Import;

/// <summary>A review that comes again with another rating, title or body keeps what it said before as a <see cref="ReviewVersion"/>.</summary>
internal sealed partial class ImportSections
{
    /// <summary>
    /// Adds, before the records are copied onto <paramref name="reviews"/> (the stored rows of this file's reviews),
    /// one version per review whose text or rating changes: the text as it was, from when it was first seen (the
    /// previous change, or the review's creation) until now. Saved with the section, in the import's transaction.
    /// </summary>
    private async Task KeepEarlierVersionsAsync(Dictionary<string, Review> reviews, CancellationToken ct)
    {
        var changed = file.Reviews
            .Select(r => (Record: r, Row: reviews.GetValueOrDefault(r.Id)))
            .Where(x => x.Row is not null && (x.Row.Rating != x.Record.Rating || x.Row.Title != x.Record.Title || x.Row.Body != x.Record.Body))
            .Select(x => x.Row!).DistinctBy(r => r.Id).ToList();
        if (changed.Count == 0) return;
        var ids = changed.Select(r => r.Id).ToList();
        var lastChange = await db.ReviewVersions.Where(v => ids.Contains(v.ReviewId)).GroupBy(v => v.ReviewId)
            .Select(g => new { ReviewId = g.Key, At = g.Max(v => v.ReplacedAt) }).ToDictionaryAsync(x => x.ReviewId, x => x.At, ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var row in changed)
            db.ReviewVersions.Add(new ReviewVersion
            {
                ReviewId = row.Id, Rating = row.Rating, Title = row.Title, Body = row.Body,
                ValidFrom = lastChange.TryGetValue(row.Id, out var at) ? at : row.CreatedAt, ReplacedAt = now,
            });
    }
}
