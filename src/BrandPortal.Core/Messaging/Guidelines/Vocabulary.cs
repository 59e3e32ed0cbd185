using System.Collections.Frozen;

namespace BrandPortal.Core.Messaging.Guidelines;

/// <summary>What a word can mean to the guideline checker; a word may mean several things.</summary>
[Flags]
public enum WordClass
{
    None = 0,
    /// <summary>A change to something that exists: update, ändern, modifier, cambiar…</summary>
    Change = 1,
    /// <summary>What the customer wrote or gave: review, rating, feedback, stars, Bewertung, avis, reseña…</summary>
    Review = 2,
    /// <summary>The narrower set a brand may not ask for or pay for (not "feedback" or "comment").</summary>
    Rating = 4,
    /// <summary>Asking for a new one: leave, write, post, hinterlassen, laisser, dejar…</summary>
    Leave = 8,
    /// <summary>Praise: positive, five, besser, meilleur, buena…</summary>
    Positive = 16,
    /// <summary>Something of value: refund, gift, Gutschein, réduction, descuento…</summary>
    Incentive = 32,
    /// <summary>Words that may stand between a verb and its object without changing what is asked: your, the, negative…</summary>
    Gap = 64,
    /// <summary>Words that tie a value to a condition: if, once, wenn, si, cuando…</summary>
    Condition = 128,
    /// <summary>Thanks, which makes "for your review" gratitude rather than a price.</summary>
    Thanks = 256,
    /// <summary>Prepositions of exchange: for, für, pour, por, gegen, contre.</summary>
    For = 512,
}

/// <summary>
/// The key vocabulary in English, German, French and Spanish, written without accents (the normaliser strips them).
/// Japanese is matched by <see cref="JapanesePatterns"/>, since its words are not separated by spaces.
/// </summary>
public static class Vocabulary
{
    private const string Change = """
        change changes changed changing update updates updated updating edit edits edited editing revise revises revised revising
        amend amends amended amending modify modifies modified modifying remove removes removed removing delete deletes deleted deleting
        erase erased adjust adjusts adjusted adjusting reconsider reconsidering rethink withdraw withdrawing withdrawn retract retracting
        raise raising raised increase increasing bump upgrade upgrading improve improving correct correcting rewrite rewriting redo revisit
        alter altering tweak drop undo reverse rerate
        andern andere anderst geandert anderung aktualisieren aktualisiert bearbeiten bearbeitet loschen loscht geloscht entfernen
        entfernt uberarbeiten uberarbeitet korrigieren korrigiert anpassen angepasst zuruckziehen zuruckgezogen zurucknehmen revidieren
        uberdenken verbessern erhohen abandern abgeandert nachbessern zuruck
        modifier modifiez modifie modifiee modifiant changer changez change retirer retirez retire supprimer supprimez supprime
        effacer effacez efface corriger corrigez reviser revisez actualiser actualisez reconsiderer ajuster ajustez ameliorer ameliorez
        augmenter augmentez retravailler enlever enlevez annuler annulez remonter remontez revoir revoyez
        cambiar cambie cambia cambien cambiado cambiada cambiarla cambiarlo modificar modifique modifica modificado modificada
        actualizar actualice actualiza actualizado actualizada eliminar elimine elimina eliminado eliminada borrar borre borra borrado
        borrada quitar quite quita retirar retire retira editar edite edita corregir corrija reconsiderar reconsidere ajustar ajuste
        mejorar mejore subir suba retractar rectificar rectifique
        """;

    private const string Review = """
        review reviews rating ratings feedback star stars comment comments testimonial testimonials evaluation opinion score
        bewertung bewertungen rezension rezensionen sterne stern sternebewertung kommentar kommentare meinung beurteilung
        kundenbewertung produktbewertung kundenrezension kundenrezensionen rückmeldung ruckmeldung
        avis note notes evaluation commentaire commentaires etoile etoiles critique appreciation
        resena resenas valoracion valoraciones calificacion calificaciones puntuacion opinion opiniones comentario comentarios
        estrella estrellas evaluacion
        """;

    private const string Rating = """
        review reviews rating ratings star stars testimonial testimonials score
        bewertung bewertungen rezension rezensionen sterne stern sternebewertung kundenbewertung produktbewertung kundenrezension
        kundenrezensionen
        avis note etoile etoiles evaluation
        resena resenas valoracion valoraciones calificacion calificaciones puntuacion estrella estrellas opinion
        """;

    private const string Leave = """
        leave leaving write writing post posting give giving submit submitting share add drop rate leaves
        hinterlassen hinterlasst schreiben schreibt abgeben geben gebt posten verfassen veroffentlichen vergeben
        laisser laissez laisse ecrire ecrivez donner donnez publier publiez poster postez rediger redigez mettre mettez attribuer
        dejar deje deja dejen dejarnos dejenos escribir escriba escribe publicar publique darnos denos danos dar poner ponga ponernos
        """;

    private const string Positive = """
        positive positively good great better best higher high glowing nice favourable favorable excellent top perfect five 5 full max maximum
        amazing awesome brilliant fantastic stellar outstanding wonderful
        positiv positiven positives gute guten gutes besser bessere besseren hohere hoheren hervorragende tolle funf volle
        positif positifs bon bonne bons meilleur meilleure meilleurs excellente cinq parfait parfaite
        positiva positivo positivas buena buen buenas mejor mejores excelente cinco maxima alta altas perfecta
        """;

    private const string Incentive = """
        free refund refunds refunded discount discounts coupon coupons voucher vouchers gift gifts giftcard cash pay paid payment reward
        rewards bonus compensation compensate money credit promo code sample samples present off percent cashback
        gratis kostenlos kostenlose kostenlosen gutschein gutscheine rabatt geschenk erstattung ruckerstattung erstatten geld gutschrift
        belohnung pramie prozent nachlass preisnachlass gratisprodukt gratisartikel
        gratuit gratuite gratuitement remboursement rembourser remboursons reduction remise cadeau cadeaux bon avoir recompense
        argent paiement
        descuento descuentos cupon cupones regalo regalos reembolso reembolsar reembolsamos reembolsaremos devolvemos devolveremos vale
        dinero recompensa pago bono
        """;

    private const string Gap = """
        your ur yr pls plz the this that my our its their his her a an one of on about mind kindly please just also maybe perhaps now still
        negative bad poor low lower critical old previous current recent earlier last existing harsh unfair online public product
        new updated another other 1 2 3 4 5 star stars down little bit
        be been being is was get gets got can could will would might should may so
        amazon ebay etsy google trustpilot yelp rakuten marketplace verified customer
        ihre ihren ihr ihrer die den der das dein deine deinen diese diesen dieser bitte doch noch einmal mal vielleicht zu sie
        neue neuen weitere negative negativen schlechte schlechten alte alten kritische kritischen sein werden wird konnte konnten eine einen
        nach oben
        nouvel nouvelle nouveau votre vos la le les l ton ta tes cet cette ce un une de d du negatif negative mauvais mauvaise ancien ancienne
        pourrait pourriez etre il vous s plait peu
        nueva nuevo otra su sus tu tus el los las esta este esa ese de del una un negativa negativo mala malo antigua por favor podria ser ha sido
        usted lo
        """;

    private const string Condition = """
        if once when after provided who whoever exchange return afterwards
        wenn falls sobald nachdem austausch gegenleistung
        si fois echange contrepartie lorsque quand
        cuando vez cambio tras despues
        """;

    private const string Thanks = "thank thanks thankyou danke dank dankeschon merci remercions remercie gracias agradecemos agradecer";

    private const string For = "for fur pour por para gegen contre against";

    /// <summary>Common words one letter away from the vocabulary; a misspelling is never read into them.</summary>
    private const string Harmless = """
        charge charged charges chance chances changer reviewed reviewing reviewer reviewers reviewing dating eating seating heating
        waiting rate rates rated remote remove removal deleted related relate device advise advice revive revised startup start
        starts started starting stairs stare state states stated stories store credit credits edition editor editors order ordered
        adjusts content comment commend cement raised raising praise upgrade updates dated date
        anderen andere anderer anderes anders ander anderung bewerbung bewerbungen wandern ausandern
        modele modeles chanter change retire retiree notre notes noter nouveau devoir recevoir
        cambian cambios resina reservar resta borran borrador revisar revisamos revisado revisada revisaremos revisara revise revisa
        """;

    public static readonly FrozenDictionary<string, WordClass> Words = Build();

    public static readonly FrozenSet<string> HarmlessNeighbours = Split(Harmless).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words a misspelt token may be read as: the meaning-bearing classes only, at least six letters long.</summary>
    public static readonly (string Word, WordClass Class)[] Fuzzable = Words
        .Where(w => w.Key.Length >= 6 && (w.Value & (WordClass.Change | WordClass.Review | WordClass.Leave | WordClass.Incentive | WordClass.Positive)) != 0)
        .Select(w => (w.Key, w.Value)).ToArray();

    private static FrozenDictionary<string, WordClass> Build()
    {
        var map = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        void Add(string list, WordClass c) { foreach (var w in Split(list)) map[w] = map.GetValueOrDefault(w) | c; }
        Add(Change, WordClass.Change);
        Add(Review, WordClass.Review);
        Add(Rating, WordClass.Rating | WordClass.Review);
        Add(Leave, WordClass.Leave);
        Add(Positive, WordClass.Positive);
        Add(Incentive, WordClass.Incentive);
        Add(Gap, WordClass.Gap);
        Add(Condition, WordClass.Condition);
        Add(Thanks, WordClass.Thanks);
        Add(For, WordClass.For);
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string[] Split(string list) => list.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
}
