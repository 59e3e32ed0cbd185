using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Topics;

public sealed partial class TopicService
{
    private sealed record Scope(long BrandId, long? ProductId, DateOnly From, string? Language);

    private sealed record Docs(long N1, long N2, long N3, long N4, long N5)
    {
        public static readonly Docs Zero = new(0, 0, 0, 0, 0);
        public long Critical => N1 + N2 + N3;
        public long Positive => N4 + N5;
        public long Total => Critical + Positive;
        public long StarSum => N1 + 2 * N2 + 3 * N3 + 4 * N4 + 5 * N5;
        public static Docs operator +(Docs a, Docs b) => new(a.N1 + b.N1, a.N2 + b.N2, a.N3 + b.N3, a.N4 + b.N4, a.N5 + b.N5);
    }

    /// <summary>Reviews per language in the scope, and in the background (the brand) the prior comes from.</summary>
    private sealed record DocTotals(Dictionary<string, Docs> Scope, Dictionary<string, Docs> Background);

    private sealed record ExampleSet(List<TopicExample> Reviews, string Language, string Term);

    private NpgsqlCommand Command(string sql, Scope scope)
    {
        var cmd = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
        cmd.Parameters.AddWithValue("b", scope.BrandId);
        cmd.Parameters.AddWithValue("p", scope.ProductId ?? 0L);
        cmd.Parameters.AddWithValue("from", scope.From);
        cmd.Parameters.AddWithValue("lang", scope.Language ?? "");
        return cmd;
    }

    private static string LanguageCondition(Scope scope, string t) => scope.Language is null ? "" : $" AND {t}.language = @lang";

    private async Task<List<TopicProduct>> ProductsAsync(Scope scope, CancellationToken ct)
    {
        await using var cmd = Command("SELECT id, asin, title FROM products WHERE brand_id = @b ORDER BY title, id", scope);
        var list = new List<TopicProduct>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new TopicProduct(r.GetInt64(0), r.GetString(1), r.GetString(2)));
        return list;
    }

    private async Task<DocTotals> DocsAsync(Scope scope, CancellationToken ct)
    {
        await using var cmd = Command($"""
            SELECT d.language, d.product_id = @p AS mine, sum(d.n1), sum(d.n2), sum(d.n3), sum(d.n4), sum(d.n5)
            FROM topic_docs d WHERE d.brand_id = @b AND d.month >= @from{LanguageCondition(scope, "d")}
            GROUP BY 1, 2
            """, scope);
        var result = new DocTotals([], []);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var docs = new Docs(r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6));
            var language = r.GetString(0);
            result.Background[language] = result.Background.GetValueOrDefault(language, Docs.Zero) + docs;
            if (scope.ProductId is null || r.GetBoolean(1))
                result.Scope[language] = result.Scope.GetValueOrDefault(language, Docs.Zero) + docs;
        }
        return result;
    }

    /// <summary>Terms with enough support in either direction, summed over the months; with their background count.</summary>
    private async Task<List<TermCounts>> TermsAsync(Scope scope, CancellationToken ct)
    {
        var sql = scope.ProductId is null
            ? $"""
              SELECT t.language, t.term, sum(t.n1), sum(t.n2), sum(t.n3), sum(t.n4), sum(t.n5), sum(t.n1 + t.n2 + t.n3), sum(t.n4 + t.n5)
              FROM topic_brand_terms t WHERE t.brand_id = @b AND t.month >= @from{LanguageCondition(scope, "t")}
              GROUP BY t.language, t.term
              HAVING sum(t.n1 + t.n2 + t.n3) >= {MinSupport} OR sum(t.n4 + t.n5) >= {MinSupport}
              """
            : $"""
              WITH p AS (
                  SELECT t.language, t.term, sum(t.n1) n1, sum(t.n2) n2, sum(t.n3) n3, sum(t.n4) n4, sum(t.n5) n5
                  FROM topic_terms t WHERE t.product_id = @p AND t.month >= @from{LanguageCondition(scope, "t")}
                  GROUP BY t.language, t.term
                  HAVING sum(t.n1 + t.n2 + t.n3) >= {MinSupport} OR sum(t.n4 + t.n5) >= {MinSupport})
              SELECT p.language, p.term, p.n1, p.n2, p.n3, p.n4, p.n5, b.critical, b.positive
              FROM p CROSS JOIN LATERAL (
                  SELECT COALESCE(sum(b.n1 + b.n2 + b.n3), 0) AS critical, COALESCE(sum(b.n4 + b.n5), 0) AS positive FROM topic_brand_terms b
                  WHERE b.brand_id = @b AND b.language = p.language AND b.term = p.term AND b.month >= @from) b
              """;
        await using var cmd = Command(sql, scope);
        var list = new List<TermCounts>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new TermCounts(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6),
                Convert.ToInt64(r.GetValue(7)), Convert.ToInt64(r.GetValue(8))));
        return list;
    }

    /// <summary>The lexemes of the scope's product titles, per language, as the topic index stems them.</summary>
    private async Task<HashSet<(string, string)>> TitleWordsAsync(Scope scope, CancellationToken ct)
    {
        await using var cmd = Command($"""
            WITH titles AS (SELECT string_agg(p.title, ' . ') AS t FROM products p WHERE p.brand_id = @b{(scope.ProductId is null ? "" : " AND p.id = @p")})
            SELECT l.code, x.lexeme
            FROM titles, unnest(ARRAY['en','de','fr','es']) l(code), unnest(tsvector_to_array(to_tsvector(topic_config(l.code), COALESCE(titles.t, '')))) x(lexeme)
            """, scope);
        var set = new HashSet<(string, string)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) set.Add((r.GetString(0), r.GetString(1)));
        return set;
    }

    private async Task<Dictionary<(string, string), IReadOnlyList<TopicMonth>>> TrendAsync(Scope scope, List<TermCounts> terms, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), IReadOnlyList<TopicMonth>>();
        if (terms.Count == 0) return result;
        var (table, owner) = scope.ProductId is null ? ("topic_brand_terms", "t.brand_id = @b") : ("topic_terms", "t.product_id = @p");
        await using var cmd = Command($"""
            SELECT t.language, t.term, t.month, sum(t.n1 + t.n2 + t.n3 + t.n4 + t.n5), sum(t.n1 + t.n2 + t.n3)
            FROM {table} t JOIN unnest(@langs, @terms) k(language, term) ON t.language = k.language AND t.term = k.term
            WHERE {owner} AND t.month >= @from
            GROUP BY 1, 2, 3 ORDER BY 3
            """, scope);
        cmd.Parameters.AddWithValue("langs", terms.Select(t => t.Language).ToArray());
        cmd.Parameters.AddWithValue("terms", terms.Select(t => t.Term).ToArray());
        var lists = new Dictionary<(string, string), List<TopicMonth>>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var key = (r.GetString(0), r.GetString(1));
            if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
            list.Add(new TopicMonth(DateOnly.FromDateTime(r.GetDateTime(2)), r.GetInt64(3), r.GetInt64(4)));
        }
        foreach (var (k, v) in lists) result[k] = v;
        return result;
    }

    /// <summary>Up to three reviews per topic: each the newest mentioning it in one of the latest (product, month) groups.</summary>
    private async Task<Dictionary<int, ExampleSet>> ExamplesAsync(Scope scope, List<(TermCounts Counts, bool Critical)> topics, CancellationToken ct)
    {
        var result = new Dictionary<int, ExampleSet>();
        if (topics.Count == 0) return result;
        await using var cmd = Command($"""
            SELECT k.i::int - 1, r.id, r.rating, r.body, p.title, r.created_at
            FROM unnest(@langs, @terms, @critical) WITH ORDINALITY k(language, term, critical, i)
            CROSS JOIN LATERAL (
                SELECT CASE WHEN k.critical THEN t.critical_example ELSE t.positive_example END AS id
                FROM topic_terms t
                WHERE t.brand_id = @b AND t.language = k.language AND t.term = k.term AND t.month >= @from{(scope.ProductId is null ? "" : " AND t.product_id = @p")}
                  AND CASE WHEN k.critical THEN t.critical_example ELSE t.positive_example END IS NOT NULL
                ORDER BY t.month DESC, 1 DESC LIMIT 3) e
            JOIN reviews r ON r.id = e.id AND r.brand_id = @b
            JOIN products p ON p.id = r.product_id
            ORDER BY k.i, r.created_at DESC
            """, scope);
        cmd.Parameters.AddWithValue("langs", topics.Select(t => t.Counts.Language).ToArray());
        cmd.Parameters.AddWithValue("terms", topics.Select(t => t.Counts.Term).ToArray());
        cmd.Parameters.AddWithValue("critical", topics.Select(t => t.Critical).ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var i = r.GetInt32(0);
            if (!result.TryGetValue(i, out var set)) result[i] = set = new ExampleSet([], topics[i].Counts.Language, topics[i].Counts.Term);
            set.Reviews.Add(new TopicExample(r.GetInt64(1), r.GetInt16(2), r.GetString(3), r.GetString(4), r.GetFieldValue<DateTimeOffset>(5)));
        }
        return result;
    }
}
