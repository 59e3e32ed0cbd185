namespace BrandPortal.Core.Generate;

/// <summary>
/// Filler sentences of German, French, Spanish and Japanese reviews, critical (1–3★) and positive (4–5★): the generic
/// things reviewers say of any product. English reviews keep the per-rating sentences of <see cref="SyntheticText"/>.
/// </summary>
internal static class SyntheticLanguages
{
    public static readonly IReadOnlyDictionary<string, (string[] Critical, string[] Positive)> Pools = new Dictionary<string, (string[], string[])>
    {
        ["de"] = (
            ["Nach einer Woche funktionierte es nicht mehr.", "Die Verpackung war beschädigt.", "Der Kundenservice hat nie geantwortet.",
             "Das Material wirkt billig.", "Sieht anders aus als auf den Bildern.", "Ich möchte mein Geld zurück.",
             "Die Anleitung ist verwirrend.", "Die Lieferung hat fast drei Wochen gedauert."],
            ["Funktioniert wie beschrieben.", "Die Lieferung war schnell.", "Ich benutze es jeden Tag.", "Sehr gute Qualität für den Preis.",
             "Leicht zu reinigen.", "Meine ganze Familie ist begeistert.", "Schönes Design und sehr praktisch.", "Ich würde es jederzeit wieder kaufen."]),
        ["fr"] = (
            ["Il a cessé de fonctionner après une semaine.", "Le colis est arrivé abîmé.", "Le service client ne répond jamais.",
             "Le matériau fait bon marché.", "Rien à voir avec les photos.", "Je veux être remboursé.", "La notice est incompréhensible.",
             "La livraison a pris presque trois semaines."],
            ["Fonctionne comme décrit.", "Livraison rapide.", "Je l'utilise tous les jours.", "Très bonne qualité pour le prix.",
             "Facile à nettoyer.", "Toute la famille l'adore.", "Joli design et très pratique.", "Je le recommande à tout le monde."]),
        ["es"] = (
            ["Dejó de funcionar a la semana.", "El paquete llegó dañado.", "El servicio al cliente nunca contestó.",
             "El material parece barato.", "No se parece a las fotos.", "Quiero que me devuelvan el dinero.",
             "Las instrucciones son confusas.", "El envío tardó casi tres semanas."],
            ["Funciona tal como se describe.", "El envío fue rápido.", "Lo uso todos los días.", "Muy buena calidad por el precio.",
             "Fácil de limpiar.", "A toda la familia le encanta.", "Diseño bonito y muy práctico.", "Lo recomiendo a todo el mundo."]),
        ["ja"] = (
            ["一週間で動かなくなりました。", "箱が潰れて届きました。", "カスタマーサービスから返事がありません。", "素材が安っぽいです。",
             "写真と全然違います。", "返金してほしいです。", "説明書が分かりにくいです。", "届くまで三週間もかかりました。"],
            ["説明通りに使えます。", "配送が早かったです。", "毎日使っています。", "値段の割に品質がとても良いです。",
             "お手入れが簡単です。", "家族みんな気に入っています。", "デザインが素敵で実用的です。", "誰にでもおすすめします。"]),
    };

    /// <summary>The language reviews on a marketplace are written in.</summary>
    public static string OfMarketplace(string marketplace) => marketplace switch
    {
        "DE" => "de", "FR" => "fr", "ES" => "es", "JP" => "ja", _ => "en",
    };
}
