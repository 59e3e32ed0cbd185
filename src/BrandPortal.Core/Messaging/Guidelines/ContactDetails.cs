using System.Text.RegularExpressions;

namespace BrandPortal.Core.Messaging.Guidelines;

/// <summary>
/// Links, email addresses, phone numbers and other messaging services in the contact view of an answer, where
/// "[dot]", " . ", "(at)", full-width "＠" and spelled-out digits are already folded. Order numbers, dates, times
/// and numbers named as a batch, serial or tracking number are not phone numbers.
/// </summary>
public static partial class ContactDetails
{
    // The address and number patterns run without backtracking: an answer of "u.p.u.p.u.p…" must not take seconds.
    public static IEnumerable<(GuidelineRule Rule, string Excerpt)> Find(NormalisedText text)
    {
        var contact = text.Contact;
        var email = Email().Match(contact);
        if (!email.Success) email = EmailWithAt().Matches(contact).FirstOrDefault(m => !NotALocalPart.Contains(m.Groups["local"].Value)) ?? email;
        if (email.Success) yield return (GuidelineRule.EmailAddress, email.Value.Trim());
        else if (Link().Match(contact) is { Success: true } link) yield return (GuidelineRule.Link, link.Value.Trim());
        foreach (Match m in Phone().Matches(contact))
        {
            var value = m.Value.Trim();
            var digits = value.Count(char.IsAsciiDigit);
            if (digits is < 7 or > 15 || OrderId().IsMatch(value) || Date().IsMatch(value) || TimeRange().IsMatch(value)) continue;
            if (NamedNumber().IsMatch(contact[Math.Max(0, m.Index - 40)..m.Index])) continue;
            yield return (GuidelineRule.PhoneNumber, value);
            break;
        }
        foreach (var view in new[] { text.Words, text.Leet, contact })
            if (Messaging().Match(view) is { Success: true } service) { yield return (GuidelineRule.OtherChannel, service.Value.Trim()); break; }
    }

    /// <summary>"The video is at acme.com" is a link, not an address: words that are never the name before " at ".</summary>
    private static readonly HashSet<string> NotALocalPart = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "be", "us", "me", "it", "them", "him", "her", "here", "there", "online", "available", "video", "manual",
        "guide", "store", "shop", "site", "page", "look", "find", "found", "parts", "details", "more", "everything",
    };

    private const string Tld = "com|net|org|io|co|biz|info|shop|store|me|ly|app|site|online|de|fr|es|jp|uk|us|eu|ch|at|nl|it|ru|cn|xyz|top|link|page|dev|tv|gl|gd|cc|ai|club|live|email|website|web";

    [GeneratedRegex(@"[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}", RegexOptions.NonBacktracking)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?<local>[a-z0-9._%+\-]+)\s+at\s+[a-z0-9\-]+(\.[a-z0-9\-]+)*\.(" + Tld + @")\b", RegexOptions.NonBacktracking)]
    private static partial Regex EmailWithAt();

    [GeneratedRegex(@"\b(https?|ftp)\s*:\s*//\S+|\bwww\.\S+|\b[a-z0-9][a-z0-9\-]*(\.[a-z0-9\-]+)*\.(" + Tld + @")\b(/\S*)?|\b(bit\.ly|t\.co|tinyurl|goo\.gl)\b", RegexOptions.NonBacktracking)]
    private static partial Regex Link();

    [GeneratedRegex(@"\+?\(?\d[\d\s().\-/]{5,}\d", RegexOptions.NonBacktracking)]
    private static partial Regex Phone();

    /// <summary>Order ids (111-0000001-0000001) may be quoted; they are not phone numbers.</summary>
    [GeneratedRegex(@"^\d{3}-\d{7}-\d{7}$")]
    private static partial Regex OrderId();

    [GeneratedRegex(@"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")]
    private static partial Regex Date();

    [GeneratedRegex(@"^\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}$")]
    private static partial Regex TimeRange();

    [GeneratedRegex(@"(order|batch|lot|serial|model|tracking|invoice|reference|ref|case|parcel|article|item|part|sku|ean|bestell\w*|charge|sendung\w*|artikel\w*|commande|colis|numero de lot|pedido|lote|envio|seguimiento|注文|ロット|製造番号|追跡|型番)\b[^.!?]{0,20}$")]
    private static partial Regex NamedNumber();

    [GeneratedRegex(@"\b(whats\s?app|telegram|wechat|weixin|skype|instagram|insta|facebook|fb|viber|kakao\s?talk|kakao|snapchat|discord|tiktok|threema|imessage|facetime|wickr|twitter)\b|\b(dm|pm)\s+(me|us)\b|\b(direct|private)\s+message|\bprivate\s?nachricht|\bmessage\s+prive|\bmensaje\s+(privado|directo)|\b(add|message|contact|reach|text|find|follow|ping|call)\s+(me|us)\s+(on|via|at)\s+(line|signal)\b|\b(line|signal)\s*(id|app|messenger)\b|\b(on|via|auf|sur|por|en)\s+(line|signal)\s*[:@]|(?<![a-z0-9._%+\-])@[a-z0-9_]{3,}\b(?!\.[a-z])|\b(line|ライン)\s*(id|で|に|を|の|追加|友だち|友達)|ワッツアップ|テレグラム|インスタ|フェイスブック|カカオ")]
    private static partial Regex Messaging();
}
