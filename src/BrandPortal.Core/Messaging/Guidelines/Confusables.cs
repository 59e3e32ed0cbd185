using System.Collections.Frozen;

namespace BrandPortal.Core.Messaging.Guidelines;

/// <summary>
/// A compact skeleton table in the spirit of Unicode TR39 (confusables): letters of other scripts, small capitals
/// and symbols that look like a Latin letter or digit map to that letter. Written for BrandPortal's five languages,
/// none of which uses Cyrillic, Greek, Armenian or Cherokee, so every such letter in an answer is read as the Latin
/// letter it imitates. Full-width and mathematical letters are not listed: NFKC already folds them. Transliteration
/// (by sound) would be wrong here: Cyrillic "р" sounds like r but looks like p, and it is the look that deceives.
/// </summary>
public static class Confusables
{
    // Pairs "lookalikes → Latin": each character of the left string maps to the letter on the right.
    private static readonly (string From, char To)[] Groups =
    [
        // Cyrillic (both cases) and Cyrillic supplements.
        ("аАӓӑᴀ", 'a'), ("вВЬьЪъ", 'b'), ("сСϲϹ", 'c'), ("ԁԀ", 'd'), ("еЕёЁєЄҽҼ", 'e'), ("ғҒ", 'f'), ("ԍԌ", 'g'),
        ("һҺнНӊӉ", 'h'), ("іІїЇӀӏ", 'i'), ("јЈ", 'j'), ("кКҝҜ", 'k'), ("ӎӍмМ", 'm'), ("пП", 'n'), ("оОӧӦѳѲ", 'o'),
        ("рРҏ", 'p'), ("ԛԚ", 'q'), ("гГ", 'r'), ("ѕЅ", 's'), ("тТ", 't'), ("џЏ", 'u'), ("ѵѴ", 'v'), ("ԝԜшШ", 'w'),
        ("хХҳҲ", 'x'), ("уУүҮ", 'y'), ("ᴢ", 'z'), ("зЗ", '3'), ("бБ", '6'),
        // Greek.
        ("αΑάΆ", 'a'), ("βΒ", 'b'), ("ϲϹ", 'c'), ("δ", 'd'), ("εΕέΈ", 'e'), ("ϝϜ", 'f'), ("η", 'n'), ("Η", 'h'), ("ιΙίΊϊΪΐ", 'i'),
        ("ϳ", 'j'), ("κΚϰ", 'k'), ("μΜ", 'm'), ("νΝ", 'v'), ("οΟόΌσ", 'o'), ("ρΡϱ", 'p'), ("τΤ", 't'), ("υΥύΰϋ", 'u'),
        ("χΧ", 'x'), ("γΥ", 'y'), ("ζΖ", 'z'), ("ωώ", 'w'),
        // Armenian, Cherokee and Latin letters that imitate other Latin letters.
        ("ագ", 'a'), ("ЬᏏ", 'b'), ("ᏟϾ", 'c'), ("ᎠᏧ", 'd'), ("Ꭼеҽ", 'e'), ("ցɡᏀ", 'g'), ("հᎻ", 'h'), ("ıɩᎥǀ", 'i'),
        ("ᎫϳＪ", 'j'), ("Ꮶ", 'k'), ("ℓᏞǁ", 'l'), ("Ꮇ", 'm'), ("ոռ", 'n'), ("օᴏᴑ", 'o'), ("ᏢþÞ", 'p'), ("զԛ", 'q'),
        ("ꓣᎡ", 'r'), ("ꜱᏚƽ", 's'), ("Ꭲ", 't'), ("սᴜʋ", 'u'), ("ᏙᴠᏉ", 'v'), ("Ꮃᴡѡ", 'w'), ("ᵡ", 'x'), ("ʏɣ", 'y'), ("Ꮓƶ", 'z'),
        // Small capitals (not folded by NFKC).
        ("ʙ", 'b'), ("ᴄ", 'c'), ("ᴅ", 'd'), ("ᴇ", 'e'), ("ꜰ", 'f'), ("ɢ", 'g'), ("ʜ", 'h'), ("ɪ", 'i'), ("ᴊ", 'j'),
        ("ᴋ", 'k'), ("ʟ", 'l'), ("ᴍ", 'm'), ("ɴ", 'n'), ("ᴘ", 'p'), ("ǫ", 'q'), ("ʀ", 'r'), ("ᴛ", 't'), ("ᴠ", 'v'),
        // Turned, barred and hooked Latin letters, and symbols read as letters or digits.
        ("ɑ", 'a'), ("ƀ", 'b'), ("ƈ", 'c'), ("ɗđ", 'd'), ("ɛ", 'e'), ("ƒ", 'f'), ("ħ", 'h'), ("ɨ", 'i'), ("ɫł", 'l'),
        ("ɱ", 'm'), ("ƞ", 'n'), ("ø", 'o'), ("ƥ", 'p'), ("ɍ", 'r'), ("ʂ", 's'), ("ƫƭ", 't'), ("ʉ", 'u'), ("ⱳ", 'w'),
        ("ƴ", 'y'), ("ȥ", 'z'), ("∪", 'u'), ("∨", 'v'), ("×", 'x'), ("○◯", 'o'),
        // Digit lookalikes: letters of other scripts drawn like digits.
        ("ОΟ", 'o'), ("ƼƽᏎ", '5'), ("Ꮾ", '6'), ("Ȣ", '8'),
        // Dots, at-signs and dashes that stand for the ASCII ones in addresses.
        ("․‧∙·•。｡︒", '.'), ("＠﹫", '@'), ("‐‑‒–—―−﹘﹣", '-'),
    ];

    private static readonly FrozenDictionary<char, char> Map = Build();

    private static FrozenDictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        foreach (var (from, to) in Groups)
            foreach (var c in from)
                map.TryAdd(c, to); // the first group that names a character wins
        return map.ToFrozenDictionary();
    }

    /// <summary>The Latin letter, digit or ASCII symbol <paramref name="c"/> imitates, or <paramref name="c"/> itself.</summary>
    public static char Skeleton(char c) => Map.TryGetValue(c, out var latin) ? latin : c;

    public static int Count => Map.Count;
}
