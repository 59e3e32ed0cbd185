using BrandPortal.Core.Access;
using BrandPortal.Core.Reviews;

namespace BrandPortal.Core.SavedViews;

/// <summary>
/// A saved view's filter: the Customer Reviews query string read back into <see cref="ReviewFilterInput"/> and parsed by
/// <see cref="ReviewFilter"/>, so that what is stored is the filter as the page itself would write it (defaults left
/// out, unknown keys and invalid values dropped, no page cursor), never the text a user sent. Pure.
/// </summary>
public static class SavedViewQuery
{
    /// <summary>The parsed filter and its normalized query string (without the leading "?"; empty for the default filter).</summary>
    public static (ParsedReviewFilter Parsed, string Query) Normalize(string? query, IReadOnlyList<BrandRoleGrant> representedBrands)
    {
        var parsed = ReviewFilter.Parse(Input(query), representedBrands);
        // A saved view always opens on the first page: the cursor belongs to one moment's results.
        var filter = parsed.Filter with { After = null };
        return (parsed with { Filter = filter }, filter.ToQueryString().TrimStart('?'));
    }

    /// <summary>The Customer Reviews inputs named in a query string ("stars=1&amp;period=30d", with or without "?").</summary>
    public static ReviewFilterInput Input(string? query)
    {
        var stars = new List<string?>();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            var key = Decode(at < 0 ? pair : pair[..at]);
            var value = at < 0 ? "" : Decode(pair[(at + 1)..]);
            if (key is null || value is null) continue;
            if (key.Equals("stars", StringComparison.OrdinalIgnoreCase)) stars.Add(value);
            else values.TryAdd(key, value); // the first value counts, as the page's own binding does
        }
        string? V(string key) => values.GetValueOrDefault(key);
        return new ReviewFilterInput(stars, V("brand"), V("period"), V("from"), V("to"), V("contact"), V("q"), V("sort"), After: null, Done: V("done"), Assignee: V("assignee"), Topic: V("topic"));
    }

    private static string? Decode(string s)
    {
        try { return Uri.UnescapeDataString(s.Replace('+', ' ')); }
        catch (UriFormatException) { return null; }
    }
}
