using System.Text.RegularExpressions;

namespace BrandPortal.Core.Messaging.Guidelines;

/// <summary>
/// Japanese writes no spaces between words, so its forbidden requests are matched as patterns over the sentence
/// with every space removed ("レ ビ ュ ー を 変 更" reads as "レビューを変更"): the review word followed, within a
/// few characters, by a verb of change, a request for a new or good review, or a value offered for one.
/// </summary>
public static partial class JapanesePatterns
{
    public static IEnumerable<GuidelineRule> Find(string sentence)
    {
        if (!HasJapanese().IsMatch(sentence)) yield break;
        var s = AnySpace().Replace(sentence, "");
        var change = Change().IsMatch(s);
        var positive = Positive().IsMatch(s) || Leave().IsMatch(s);
        if (change) yield return GuidelineRule.AsksToChangeReview;
        if (positive) yield return GuidelineRule.AsksForPositiveReview;
        if (Incentive().IsMatch(s) && Rating().IsMatch(s) && (change || positive || Tie().IsMatch(s))) yield return GuidelineRule.IncentiveForReview;
    }

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex HasJapanese();

    [GeneratedRegex(@"\s+")]
    private static partial Regex AnySpace();

    [GeneratedRegex(@"(レビュー|評価|口コミ|クチコミ|星|感想|コメント|フィードバック|レーティング)[^。]{0,6}?(変更|削除|修正|編集|取り下げ|取下げ|取り消|取消|消して|消去|書き直|書き換|見直|更新|訂正|撤回|引き上げ|上げて|直して|改めて|変えて|消す|消し)")]
    private static partial Regex Change();

    [GeneratedRegex(@"高評価|星[5五]|[5五]つ星|満点|(良い|いい|高い|好意的な|ポジティブな|素敵な|最高の)(レビュー|評価|口コミ|クチコミ)")]
    private static partial Regex Positive();

    [GeneratedRegex(@"(レビュー|評価|口コミ|クチコミ)(を|の)?[^。]{0,3}?(書いて|書き込んで|投稿して|投稿を|お願い|つけて|付けて|残して|ください|下さい|いただけ|頂け|していただ)")]
    private static partial Regex Leave();

    [GeneratedRegex(@"レビュー|評価|口コミ|クチコミ|星")]
    private static partial Regex Rating();

    [GeneratedRegex(@"返金|割引|クーポン|プレゼント|無料|ギフト|謝礼|ポイント|商品券|値引|お礼|キャッシュバック")]
    private static partial Regex Incentive();

    [GeneratedRegex(@"引き換え|代わりに|条件|と交換|すれば|したら|いただければ|頂ければ|いただけたら|くだされば")]
    private static partial Regex Tie();
}
