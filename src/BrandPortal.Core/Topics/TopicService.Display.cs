using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandPortal.Core.Topics;

public sealed partial class TopicService
{
    /// <summary>
    /// How reviewers wrote each stemmed topic ("lid leaks" for <c>lid leak</c>): the first example review is split into
    /// words and what lies between them, ts_lexize gives each word's lexeme in the language's Snowball dictionary (none
    /// for a stop word), and the first run of words whose lexemes spell the term is the display form. Japanese terms
    /// are their own display form; a term not found keeps its stemmed form.
    /// </summary>
    private async Task<Dictionary<int, string>> DisplayFormsAsync(Dictionary<int, ExampleSet> examples, CancellationToken ct)
    {
        var result = new Dictionary<int, string>();
        var tokens = new Dictionary<int, List<(string Token, string[]? Lexemes)>>();
        var (idx, pos, dicts, words) = (new List<int>(), new List<int>(), new List<string>(), new List<string>());
        foreach (var (i, set) in examples)
        {
            if (TopicLanguage.Config(set.Language) is not { } config || set.Reviews.Count == 0) continue;
            var list = tokens[i] = [];
            var body = set.Reviews[0].Body;
            var at = 0;
            foreach (System.Text.RegularExpressions.Match m in WordPattern().Matches(body))
            {
                if (m.Index > at) list.Add((body[at..m.Index], null));
                idx.Add(i);
                pos.Add(list.Count);
                dicts.Add($"{config}_stem");
                words.Add(m.Value.ToLowerInvariant());
                list.Add((m.Value, []));
                at = m.Index + m.Length;
            }
            if (at < body.Length) list.Add((body[at..], null));
        }
        if (words.Count == 0) return result;
        await using var cmd = new NpgsqlCommand("SELECT k.i, k.n, ts_lexize(k.d::regdictionary, k.w) FROM unnest(@i, @n, @d, @w) k(i, n, d, w)",
            (NpgsqlConnection)db.Database.GetDbConnection());
        cmd.Parameters.AddWithValue("i", idx.ToArray());
        cmd.Parameters.AddWithValue("n", pos.ToArray());
        cmd.Parameters.AddWithValue("d", dicts.ToArray());
        cmd.Parameters.AddWithValue("w", words.ToArray());
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var list = tokens[r.GetInt32(0)];
                var n = r.GetInt32(1);
                list[n] = (list[n].Token, r.IsDBNull(2) ? [] : r.GetFieldValue<string[]>(2));
            }
        foreach (var (i, list) in tokens)
            if (Surface(list, examples[i].Term.Split(' ')) is { } form) result[i] = form;
        return result;
    }

    /// <summary>A word as PostgreSQL's default parser sees one: letters and digits (an apostrophe splits "l'écran").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial System.Text.RegularExpressions.Regex WordPattern();

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
