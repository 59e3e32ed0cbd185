using System.Globalization;
using System.Text.Json.Nodes;

namespace BrandPortal.Core.Import;

/// <summary>
/// The demo data shipped with BrandPortal (data/demo.json). Its dates are moved forward by whole days so that
/// the newest review is always yesterday: the rules that depend on time (order within a year) keep showing
/// the same mix of eligible and ineligible reviews however old the file is.
/// </summary>
public static class DemoData
{
    /// <summary>The demo file as shipped inside BrandPortal.Core (embedded from data/demo.json).</summary>
    public static string ReadShipped()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("BrandPortal.Core.demo.json")
            ?? throw new InvalidOperationException("The demo data is missing from the BrandPortal.Core assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string ShiftedToToday(string json, DateTimeOffset now)
    {
        var root = JsonNode.Parse(json)!;
        var dates = new List<JsonObject>();
        var newest = DateTimeOffset.MinValue;
        foreach (var section in new[] { "orders", "reviews" })
        {
            foreach (var node in root[section]?.AsArray() ?? [])
            {
                if (node is not JsonObject o) continue;
                dates.Add(o);
                if (section == "reviews" && o["createdAt"]?.GetValue<string>() is { } created)
                {
                    var d = DateTimeOffset.Parse(created, CultureInfo.InvariantCulture);
                    if (d > newest) newest = d;
                }
            }
        }
        if (newest == DateTimeOffset.MinValue) return json;
        var shift = TimeSpan.FromDays((now.UtcDateTime.Date - newest.UtcDateTime.Date).Days - 1);
        foreach (var o in dates)
        {
            foreach (var key in new[] { "placedAt", "createdAt" })
            {
                if (o[key]?.GetValue<string>() is { } value)
                    o[key] = (DateTimeOffset.Parse(value, CultureInfo.InvariantCulture) + shift).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }
        }
        return root.ToJsonString();
    }
}
