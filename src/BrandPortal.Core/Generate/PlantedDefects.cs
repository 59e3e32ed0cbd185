namespace BrandPortal.Core.Generate;

/// <summary>One known defect, said the way a reviewer in each language would: a sentence and the phrase in it that is the topic.</summary>
public sealed record PlantedDefect(string Name, IReadOnlyDictionary<string, (string Sentence, string Phrase)> Languages);

/// <summary>
/// The defects the generator plants, so that topic detection can be measured: the k-th product of every brand
/// (k &lt; <see cref="All"/>.Count) has defect k mentioned in about <see cref="SharePercent"/>% of its critical reviews, in the
/// review's own language. Each phrase's words appear in no filler sentence and no product title.
/// </summary>
public static class PlantedDefects
{
    public const int SharePercent = 6;

    public static readonly IReadOnlyList<PlantedDefect> All =
    [
        Defect("lid leaks", ("The lid leaks.", "lid leaks"), ("Der Deckel leckt.", "Deckel leckt"), ("Le couvercle fuit.", "couvercle fuit"),
            ("La tapa gotea.", "tapa gotea"), ("蓋から水漏れします。", "水漏")),
        Defect("battery dies", ("The battery dies.", "battery dies"), ("Der Akku stirbt.", "Akku stirbt"), ("La batterie meurt.", "batterie meurt"),
            ("La batería muere.", "batería muere"), ("バッテリーがすぐ切れる。", "バッテリー")),
        Defect("zipper jams", ("The zipper jams.", "zipper jams"), ("Der Reißverschluss klemmt.", "Reißverschluss klemmt"),
            ("La fermeture éclair coince.", "fermeture éclair coince"), ("La cremallera atascada.", "cremallera atascada"), ("ファスナーが引っかかる。", "ファスナー")),
        Defect("screen flickers", ("The screen flickers.", "screen flickers"), ("Der Bildschirm flackert.", "Bildschirm flackert"),
            ("L'écran scintille.", "écran scintille"), ("La pantalla parpadea.", "pantalla parpadea"), ("画面がちらつく。", "画面")),
        Defect("strap snapped", ("The strap snapped.", "strap snapped"), ("Der Riemen riss.", "Riemen riss"), ("La sangle casse.", "sangle casse"),
            ("La correa rota.", "correa rota"), ("ストラップが切れた。", "ストラップ")),
        Defect("motor overheats", ("The motor overheats.", "motor overheats"), ("Der Motor überhitzt.", "Motor überhitzt"),
            ("Le moteur surchauffe.", "moteur surchauffe"), ("El motor sobrecalienta.", "motor sobrecalienta"), ("モーターが過熱する。", "モーター")),
        Defect("paint peels", ("The paint peels.", "paint peels"), ("Die Farbe blättert.", "Farbe blättert"), ("La peinture écaillée.", "peinture écaillée"),
            ("La pintura descascarada.", "pintura descascarada"), ("塗装が剥がれる。", "塗装")),
        Defect("hinge squeaks", ("The hinge squeaks.", "hinge squeaks"), ("Das Scharnier quietscht.", "Scharnier quietscht"),
            ("La charnière grince.", "charnière grince"), ("La bisagra chirría.", "bisagra chirría"), ("ヒンジがきしむ。", "ヒンジ")),
        Defect("cable frays", ("The cable frays.", "cable frays"), ("Das Kabel franst.", "Kabel franst"), ("Le câble effiloché.", "câble effiloché"),
            ("El cable deshilachado.", "cable deshilachado"), ("ケーブルがほつれる。", "ケーブル")),
        Defect("knob wobbles", ("The knob wobbles.", "knob wobbles"), ("Der Knopf wackelt.", "Knopf wackelt"), ("Le bouton branle.", "bouton branle"),
            ("La perilla tambalea.", "perilla tambalea"), ("ハンドルがぐらつく。", "ハンドル")),
    ];

    /// <summary>The defect planted in a review, if any: by the product's place in its brand, the rating and the review's own seed.</summary>
    public static PlantedDefect? Of(long productIndexInBrand, short rating, ulong textSeed) =>
        productIndexInBrand < All.Count && rating <= 3 && (textSeed >> 40) % 100 < SharePercent ? All[(int)productIndexInBrand] : null;

    private static PlantedDefect Defect(string name, (string, string) en, (string, string) de, (string, string) fr, (string, string) es, (string, string) ja) =>
        new(name, new Dictionary<string, (string, string)> { ["en"] = en, ["de"] = de, ["fr"] = fr, ["es"] = es, ["ja"] = ja });
}
