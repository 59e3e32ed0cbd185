using System.Globalization;
using System.Net;
using System.Text;

namespace BrandPortal.Core.Insights;

/// <summary>
/// Draws the monthly trend as an SVG the server sends inside the page: critical reviews as bars, average rating as a
/// line. Readable without JavaScript; the SVG has a title and description, and the page also carries the numbers as
/// a table. Pure: the same points always give the same markup.
/// </summary>
public static class TrendChart
{
    /// <summary>
    /// The chart's words and month labels, in English by default; the portal passes them in the page's language
    /// (Core does not localize, the Web layer does). Formats are composite: <see cref="Description"/> takes the number
    /// of months, the first and last month and the highest count; <see cref="BarTitle"/> the month, critical and all.
    /// </summary>
    public sealed record Words(string NoReviews, string Description, string BarTitle, Func<DateOnly, string> Month, Func<DateOnly, string> AxisMonth)
    {
        public static Words English { get; } = new("No reviews in this period.",
            "{0} months from {1} to {2}; at most {3} critical reviews in a month.", "{0}: {1} critical of {2}",
            Wording.Month, m => m.ToString("MMM yy", CultureInfo.InvariantCulture));
    }

    private const int Width = 720, Height = 240, Left = 44, Right = 44, Top = 16, Bottom = 36;

    public static string Svg(IReadOnlyList<MonthPoint> points, string title, Words? words = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = words ?? Words.English;
        var sb = new StringBuilder();
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var maxCritical = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Critical));
        var desc = points.Count == 0 ? w.NoReviews
            : string.Format(inv, w.Description, points.Count, w.Month(points[0].Month), w.Month(points[^1].Month), maxCritical);
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">");
        sb.Append("<title id=\"chart-title\">").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        sb.Append("<desc id=\"chart-desc\">").Append(WebUtility.HtmlEncode(desc)).Append("</desc>");
        // Axes and grid: rating 1–5 on the right, critical count on the left.
        for (var r = 1; r <= 5; r++)
        {
            var y = Top + plotH - (r - 1) / 4.0 * plotH;
            sb.Append(inv, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            sb.Append(inv, $"<text class=\"axis\" x=\"{Width - Right + 6}\" y=\"{y + 4:0.#}\">{r}★</text>");
        }
        sb.Append(inv, $"<text class=\"axis\" x=\"4\" y=\"{Top + 10}\">{maxCritical}</text><text class=\"axis\" x=\"4\" y=\"{Top + plotH}\">0</text>");
        if (points.Count > 0)
        {
            var step = (double)plotW / points.Count;
            var bar = Math.Max(2, step * 0.6);
            var line = new StringBuilder();
            for (var i = 0; i < points.Count; i++)
            {
                var p = points[i];
                var cx = Left + step * i + step / 2;
                var h = (double)p.Critical / maxCritical * plotH;
                sb.Append(inv, $"<rect class=\"bar\" x=\"{cx - bar / 2:0.#}\" y=\"{Top + plotH - h:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\"><title>");
                sb.Append(WebUtility.HtmlEncode(string.Format(inv, w.BarTitle, w.Month(p.Month), p.Critical, p.Reviews))).Append("</title></rect>");
                if (p.AverageRating is { } avg)
                    line.Append(inv, $"{(line.Length == 0 ? "M" : " L")}{cx:0.#} {Top + plotH - (avg - 1) / 4.0 * plotH:0.#}");
                if (points.Count <= 12 || i % (points.Count / 6 + 1) == 0)
                    sb.Append(inv, $"<text class=\"axis\" x=\"{cx:0.#}\" y=\"{Height - 14}\" text-anchor=\"middle\">");
                    sb.Append(WebUtility.HtmlEncode(w.AxisMonth(p.Month))).Append("</text>");
            }
            if (line.Length > 0) sb.Append("<path class=\"line\" d=\"").Append(line).Append("\"/>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
