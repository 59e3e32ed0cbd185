using System.Text;

namespace BrandPortal.Core.Generate;

/// <summary>Plausible names, product titles and review texts, chosen by rating so that critical reviews read critical.</summary>
public static class SyntheticText
{
    private static readonly string[] FirstNames =
        ["Anna", "Ben", "Carla", "David", "Emma", "Felix", "Grace", "Hugo", "Iris", "Jonas", "Kira", "Liam", "Maya", "Noah", "Olga",
         "Paul", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Will", "Xena", "Yusuf", "Zoe", "Aiko", "Bruno", "Chloe", "Diego"];

    private static readonly string[] LastNames =
        ["Smith", "Meyer", "Garcia", "Rossi", "Dubois", "Tanaka", "Novak", "Jensen", "Silva", "Kowalski", "Brown", "Schmidt",
         "Lopez", "Bianchi", "Martin", "Sato", "Horvat", "Larsen", "Costa", "Nowak", "Wilson", "Fischer", "Moreno", "Ricci"];

    private static readonly string[] BrandWords =
        ["Acme", "Nordic", "Blue", "Summit", "Urban", "Pure", "Bright", "Iron", "Willow", "Cedar", "Polar", "Echo", "Nova", "Terra",
         "Atlas", "Harbor", "Maple", "Orbit", "Pioneer", "Vivid", "Zen", "Coral", "Ember", "Falcon"];

    private static readonly string[] BrandSuffixes = ["Home", "Labs", "Outdoor", "Kitchen", "Tech", "Goods", "Works", "Living", "Audio", "Sport"];

    private static readonly string[] Adjectives =
        ["Stainless", "Compact", "Wireless", "Foldable", "Ergonomic", "Insulated", "Rechargeable", "Non-Stick", "Waterproof", "Portable"];

    private static readonly string[] Nouns =
        ["Kettle", "Backpack", "Headphones", "Desk Lamp", "Water Bottle", "Blender", "Yoga Mat", "Phone Stand", "Frying Pan",
         "Bluetooth Speaker", "Travel Mug", "Cutting Board", "Power Bank", "Office Chair", "Rain Jacket", "Coffee Grinder"];

    private static readonly string[][] Titles =
    [
        [],
        ["Broke after a week", "Do not buy", "Complete waste of money", "Arrived damaged", "Stopped working", "Not as described"],
        ["Disappointed", "Poor quality", "Expected better", "Flimsy and overpriced", "Had to return it", "Leaks"],
        ["It's okay", "Average at best", "Does the job, barely", "Mixed feelings", "Decent but flawed", "Fine for the price"],
        ["Pretty good", "Solid purchase", "Works well", "Good value", "Happy with it", "Nice design"],
        ["Love it!", "Excellent", "Exactly what I needed", "Five stars", "Best purchase this year", "Highly recommend"],
    ];

    private static readonly string[][] Sentences =
    [
        [],
        ["It stopped working after a few days.", "The box was crushed and parts were missing.", "Customer service never answered my email.",
         "The material feels cheap and it cracked on first use.", "Nothing like the pictures.", "I want my money back."],
        ["The handle came loose within a month.", "It works, but the quality is poor.", "Shipping took almost three weeks.",
         "The instructions were confusing and incomplete.", "Smaller than I expected from the listing.", "It is noisy and gets hot."],
        ["It does what it says, nothing more.", "The color is a bit different from the photo.", "Assembly took longer than it should.",
         "Good enough for occasional use.", "The price is fair but the finish could be better.", "Battery life is average."],
        ["Works as described and feels sturdy.", "Delivery was quick.", "I use it every day now.", "Minor scratches, otherwise great.",
         "Easy to clean and store.", "Good value for the money."],
        ["Fantastic quality, I bought a second one.", "Arrived early and works perfectly.", "My whole family loves it.",
         "Better than the expensive brand I had before.", "Beautiful design and very practical.", "Would recommend to anyone."],
    ];

    public static string CustomerName(long n) => $"{FirstNames[n % FirstNames.Length]} {LastNames[n / FirstNames.Length % LastNames.Length]}";

    public static string BrandName(int b) => $"{BrandWords[b % BrandWords.Length]} {BrandSuffixes[b / BrandWords.Length % BrandSuffixes.Length]} {b + 1}";

    public static string ProductTitle(int brand, long p) =>
        $"{BrandWords[brand % BrandWords.Length]} {Adjectives[p % Adjectives.Length]} {Nouns[p / Adjectives.Length % Nouns.Length]}, model {p}";

    public static string ReviewTitle(short rating, ulong seed) => Titles[rating][(int)(seed % (ulong)Titles[rating].Length)];

    /// <summary>Two to four sentences of the review's tone: about 80 to 200 characters, like most real reviews.</summary>
    public static string ReviewBody(short rating, ulong seed, StringBuilder sb) => ReviewBody(rating, seed, "en", null, sb);

    /// <summary>
    /// The body in <paramref name="language"/> (en, de, fr, es or ja), with the sentence of a planted defect when one is
    /// given: English keeps its per-rating sentences; the other languages draw two or three sentences of the
    /// review's band (critical or positive).
    /// </summary>
    public static string ReviewBody(short rating, ulong seed, string language, PlantedDefect? defect, StringBuilder sb)
    {
        sb.Clear();
        string[] pool;
        int count, step;
        if (language == "en" || !SyntheticLanguages.Pools.TryGetValue(language, out var pools))
        {
            (pool, count, step) = (Sentences[rating], 2 + (int)((seed >> 8) % 3), 5);
            language = "en";
        }
        else (pool, count, step) = (rating <= 3 ? pools.Critical : pools.Positive, 2 + (int)((seed >> 8) % 2), 3);
        // Steps of 5 over 6 sentences (3 over 8) never repeat one within a body.
        var start = (int)((seed >> 16) % (ulong)pool.Length);
        var space = language == "ja" ? "" : " ";
        var plantAt = defect is null ? -1 : (int)((seed >> 48) % (ulong)(count + 1));
        for (var i = 0; i <= count; i++)
        {
            if (i == plantAt) Append(sb, defect!.Languages[language].Sentence, space);
            if (i < count) Append(sb, pool[(start + i * step) % pool.Length], space);
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string sentence, string space)
    {
        if (sb.Length > 0) sb.Append(space);
        sb.Append(sentence);
    }
}
