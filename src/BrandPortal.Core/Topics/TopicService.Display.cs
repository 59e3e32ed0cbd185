using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Topics;

public sealed partial class TopicService
{
    /// <summary>
    /// How reviewers wrote each stemmed topic ("lid leaks" for <c>lid leak</c>): ts_debug splits an example review into
    /// tokens with the lexemes each becomes, and the first run of word tokens whose lexemes spell the term is the
    /// display form. Japanese terms are their own display form; a term not found keeps its stemmed form.
    /// </summary>
    private async Task<Dictionary<int, string>> DisplayFormsAsync(Dictionary<int, ExampleSet> examples, CancellationToken ct)
    {
        var result = new Dictionary<int, string>();
        var wanted = examples.Where(e => TopicLanguage.Config(e.Value.Language) is not null && e.Value.Reviews.Count > 0).ToList();
        if (wanted.Count == 0) return result;
        await using var cmd = new NpgsqlCommand("""
            SELECT k.i, d.token, d.lexemes
            FROM unnest(@idx, @ids, @cfgs) k(i, id, cfg)
            JOIN reviews r ON r.id = k.id,
            LATERAL ts_debug(k.cfg::regconfig, r.body) WITH ORDINALITY d(alias, description, token, dictionaries, dictionary, lexemes, ord)
            ORDER BY k.i, d.ord
            """, (NpgsqlConnection)db.Database.GetDbConnection());
        cmd.Parameters.AddWithValue("idx", wanted.Select(w => w.Key).ToArray());
        cmd.Parameters.AddWithValue("ids", wanted.Select(w => w.Value.Reviews[0].ReviewId).ToArray());
        cmd.Parameters.AddWithValue("cfgs", wanted.Select(w => TopicLanguage.Config(w.Value.Language)!).ToArray());
        var tokens = new Dictionary<int, List<(string Token, string[]? Lexemes)>>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var i = r.GetInt32(0);
                if (!tokens.TryGetValue(i, out var list)) tokens[i] = list = [];
                list.Add((r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<string[]>(2)));
            }
        foreach (var (i, list) in tokens)
            if (Surface(list, examples[i].Term.Split(' ')) is { } form) result[i] = form;
        return result;
    }

    /// <summary>The text from the first of <paramref name="parts"/>' consecutive word tokens to the last, as written.</summary>
    internal static string? Surface(List<(string Token, string[]? Lexemes)> tokens, string[] parts)
    {
        var words = tokens.Select((t, index) => (t.Lexemes, index)).Where(t => t.Lexemes is not null).ToList();
        for (var start = 0; start + parts.Length <= words.Count; start++)
        {
            var match = true;
            for (var k = 0; k < parts.Length && match; k++) match = words[start + k].Lexemes!.Contains(parts[k]);
            if (!match) continue;
            var first = words[start].index;
            var last = words[start + parts.Length - 1].index;
            return string.Concat(tokens.Skip(first).Take(last - first + 1).Select(t => t.Token)).Trim();
        }
        return null;
    }
}
