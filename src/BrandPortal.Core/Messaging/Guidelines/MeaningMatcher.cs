using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace BrandPortal.Core.Messaging.Guidelines;

/// <summary>
/// Reads one normalised sentence as words with meanings (<see cref="WordClass"/>) and finds the requests the
/// guidelines forbid by their shape rather than their exact wording: a change verb whose object is the review
/// ("revise your feedback", "Bewertung bitte ändern"), praise next to a review ("a 5-star review", "avis positif"),
/// asking for a new review, and a value tied to one. A verb counts only when nothing but small words (your, the,
/// negative…) stands between it and the review, so "we will review and update your order" stays allowed.
/// </summary>
public static partial class MeaningMatcher
{
    private static readonly ConcurrentDictionary<string, WordClass> Cache = new(StringComparer.Ordinal);

    /// <summary>Words that may stand between a review and a change verb that comes after it ("can be updated").</summary>
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "be", "been", "is", "was", "get", "gets", "got", "can", "could", "will", "would", "might", "should", "may", "please", "kindly",
        "sein", "werden", "wird", "zu", "konnte", "konnten", "bitte", "doch", "mal", "noch", "einmal", "vielleicht", "etre", "pourrait",
        "ser", "sido", "ha", "podria", "favor", "por",
    };

    private static readonly HashSet<string> Us = new(StringComparer.Ordinal) { "us", "me", "uns", "mir", "nous", "moi", "nos", "nosotros", "nous" };

    private static readonly HashSet<string> LeaveAfter = new(StringComparer.Ordinal)
        { "hinterlassen", "schreiben", "abgeben", "geben", "posten", "verfassen", "veroffentlichen", "vergeben" };

    private static readonly HashSet<string> RateUs = new(StringComparer.Ordinal)
        { "califiquenos", "valorenos", "calificarnos", "valorarnos", "puntuenos", "puntuarnos", "evaluenos" };

    /// <summary>Nouns that make a review word part of another thing: a rating plate, a star screw, a review system.</summary>
    private static readonly HashSet<string> CompoundHeads = new(StringComparer.Ordinal)
    {
        "plate", "plates", "label", "labels", "system", "scale", "sticker", "screw", "screws", "shaped", "schild", "typenschild", "plaque",
        "etiqueta", "placa", "tornillo", "schraube", "vis", "institute", "agency",
    };

    /// <summary>Statements about a product ("it has a five-star safety rating") rather than requests to the customer.</summary>
    private static readonly HashSet<string> Describes = new(StringComparer.Ordinal)
        { "has", "had", "received", "earned", "hat", "hatte", "erhielt", "tiene", "tuvo", "obtuvo", "obtenu", "recu", "possede" };

    public static IEnumerable<GuidelineRule> Find(string sentence, IReadOnlySet<string> joined)
    {
        var tokens = Tokens(sentence, joined);
        var classes = tokens.Select(Classify).ToArray();
        for (var i = 0; i + 1 < tokens.Count; i++)
            if (CompoundHeads.Contains(tokens[i + 1])) classes[i] &= ~(WordClass.Review | WordClass.Rating);
        var change = AsksToChange(tokens, classes);
        var positive = AsksForPositive(tokens, classes);
        if (change) yield return GuidelineRule.AsksToChangeReview;
        if (positive) yield return GuidelineRule.AsksForPositiveReview;
        if (classes.Any(c => c.HasFlag(WordClass.Incentive)) && (change || positive || TiedToReview(classes)))
            yield return GuidelineRule.IncentiveForReview;
    }

    public static List<string> Tokens(string sentence, IReadOnlySet<string> joined)
    {
        var text = UpdatePhrase().Replace(sentence, "actualiser");
        text = TakeDown().Replace(text, m => "remove " + m.Groups["between"].Value);
        // "As a thank-you for a five-star review…" is a reward, not the gratitude that makes "thanks for your review" harmless.
        text = ThankYouGift().Replace(text, "reward");
        var tokens = new List<string>();
        foreach (Match m in Token().Matches(text))
        {
            // Letters spaced apart without word gaps, or run together ("pleaseupdateyourreview"): split by the vocabulary.
            if (joined.Contains(m.Value) || (m.Value.Length >= 16 && char.IsAsciiLetter(m.Value[0]) && !Vocabulary.Words.ContainsKey(m.Value)))
                tokens.AddRange(Segment(m.Value));
            else tokens.Add(m.Value);
        }
        return tokens;
    }

    private static bool AsksToChange(List<string> t, WordClass[] c)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (c[i].HasFlag(WordClass.Change) && Reaches(t, c, i, WordClass.Review, 4, k => c[k].HasFlag(WordClass.Gap))) return true;
            if (!c[i].HasFlag(WordClass.Review)) continue;
            // Object first: a passive ("your review can be updated") or a German/Romance infinitive ("Bewertung ändern").
            for (var j = i + 1; j < t.Count && j <= i + 4; j++)
            {
                if (c[j].HasFlag(WordClass.Change))
                {
                    var between = t.Skip(i + 1).Take(j - i - 1).ToList();
                    // "nehmen Sie Ihre Bewertung zurück": the particle of a German separable verb closes the request.
                    if (between.Any(Auxiliaries.Contains) || Infinitive().IsMatch(t[j]) || t[j] == "zuruck") return true;
                }
                if (!c[j].HasFlag(WordClass.Gap) && !Auxiliaries.Contains(t[j])) break;
            }
        }
        return false;
    }

    private static bool AsksForPositive(List<string> t, WordClass[] c)
    {
        // Praise next to a review is a request unless the sentence thanks for one or describes a product.
        var thanks = c.Any(x => x.HasFlag(WordClass.Thanks)) || t.Any(Describes.Contains);
        for (var i = 0; i < t.Count; i++)
        {
            if (!thanks && c[i].HasFlag(WordClass.Positive) && Reaches(t, c, i, WordClass.Review, 2, k => c[k].HasFlag(WordClass.Gap))) return true;
            // "avis positif", "reseña positiva": the adjective follows the noun.
            if (!thanks && c[i].HasFlag(WordClass.Review) && i + 1 < t.Count && c[i + 1].HasFlag(WordClass.Positive) && char.IsLetter(t[i + 1][0])
                && !c[i + 1].HasFlag(WordClass.Gap)) return true;
            if (c[i].HasFlag(WordClass.Leave) && Reaches(t, c, i, WordClass.Rating, 3,
                    k => c[k].HasFlag(WordClass.Gap) || c[k].HasFlag(WordClass.Positive) || Us.Contains(t[k]))) return true;
            if (c[i].HasFlag(WordClass.Rating) && LeaveAfter.Any(v => t.Skip(i + 1).Take(4).Contains(v))) return true;
            if (RateUs.Contains(t[i])) return true;
            // "★★★★★" reads as five "star" words in a row.
            if (i + 3 < t.Count && t.Skip(i).Take(4).All(x => x == "star")) return true;
            if (i + 1 < t.Count && t[i] is "review" or "reviewing" && Us.Contains(t[i + 1])) return true;
            if (i + 1 < t.Count && t[i] is "rate" or "notez" or "evaluez" or "noter" or "bewerten" &&
                (Us.Contains(t[i + 1]) || t[i + 1] == "our" || (t[i + 1] == "sie" && i + 2 < t.Count && t[i + 2] == "uns"))) return true;
        }
        return false;
    }

    /// <summary>"If you delete the review", "in exchange for your rating", "for a new review": a condition that names the review.</summary>
    private static bool TiedToReview(WordClass[] c)
    {
        var thanks = c.Any(x => x.HasFlag(WordClass.Thanks));
        for (var k = 0; k < c.Length; k++)
        {
            var window = c.Skip(k + 1).Take(6);
            if (c[k].HasFlag(WordClass.Condition) && window.Any(x => x.HasFlag(WordClass.Rating))) return true;
            if (!thanks && c[k].HasFlag(WordClass.For))
                foreach (var x in c.Skip(k + 1).Take(4))
                {
                    if (x.HasFlag(WordClass.Rating)) return true;
                    if (!x.HasFlag(WordClass.Gap) && !x.HasFlag(WordClass.Positive)) break;
                }
        }
        return false;
    }

    /// <summary>True when a word of class <paramref name="target"/> follows token i within <paramref name="max"/> gap words.</summary>
    private static bool Reaches(List<string> t, WordClass[] c, int i, WordClass target, int max, Func<int, bool> gap)
    {
        for (var j = i + 1; j < t.Count && j <= i + max + 1; j++)
        {
            if (c[j].HasFlag(target)) return true;
            if (!gap(j) && !IsNumber(t[j])) return false;
        }
        return false;
    }

    private static bool IsNumber(string token) => char.IsAsciiDigit(token[0]);

    public static WordClass Classify(string token)
    {
        if (token.Length == 0) return WordClass.None;
        if (IsNumber(token)) return WordClass.Gap | Vocabulary.Words.GetValueOrDefault(token);
        if (!char.IsAsciiLetter(token[0])) return WordClass.None;
        if (Cache.TryGetValue(token, out var cached)) return cached;
        var cls = Lookup(token);
        if (Cache.Count < 50_000) Cache.TryAdd(token, cls); // bounded: answers full of made-up words must not grow memory
        return cls;
    }

    private static WordClass Lookup(string w)
    {
        {
            if (Vocabulary.Words.TryGetValue(w, out var exact)) return exact;
            if (w.Length < 5 || Vocabulary.HarmlessNeighbours.Contains(w)) return WordClass.None;
            // A light misspelling ("updte", "reveiw", "bewertnug") reads as the word it misses by one edit (two for long words).
            var best = WordClass.None;
            var bestDistance = int.MaxValue;
            foreach (var (word, cls) in Vocabulary.Fuzzable)
            {
                if (cls == WordClass.Positive && word.Length < 7) continue; // "better" is one letter from "letter"
                var allowed = word.Length >= 9 ? 2 : 1;
                if (Math.Abs(word.Length - w.Length) > allowed) continue;
                var d = EditDistance.Osa(w, word, allowed);
                if (d <= allowed && d < bestDistance) { best = cls; bestDistance = d; }
            }
            return best;
        }
    }

    /// <summary>Splits letters that were spaced apart without word gaps ("updateyourreview") into known words.</summary>
    private static IEnumerable<string> Segment(string run)
    {
        var i = 0;
        while (i < run.Length)
        {
            var found = 0;
            for (var len = Math.Min(16, run.Length - i); len >= 2; len--)
                if (Vocabulary.Words.ContainsKey(run.Substring(i, len))) { found = len; break; }
            if (found == 0) { i++; continue; }
            yield return run.Substring(i, found);
            i += found;
        }
    }

    [GeneratedRegex(@"[a-z]+|[0-9]+|[,:;()""]")]
    private static partial Regex Token();

    [GeneratedRegex(@"\b(mettre|mettez|mets|met|mis|mise|mettiez|mettrez)\s+a\s+jour\b")]
    private static partial Regex UpdatePhrase();

    [GeneratedRegex(@"\b(take|takes|taking|took|taken|pull|pulls|pulling|pulled)\s+(?<between>(\w+\s+){0,4}?)down\b")]
    private static partial Regex TakeDown();

    [GeneratedRegex(@"\b(als\s+dankeschon|as\s+a\s+thank\s*you|en\s+remerciement|como\s+agradecimiento)\b")]
    private static partial Regex ThankYouGift();

    [GeneratedRegex(@"(en|ern|er|ar|ir|geandert|geloscht|entfernt)$")]
    private static partial Regex Infinitive();
}
