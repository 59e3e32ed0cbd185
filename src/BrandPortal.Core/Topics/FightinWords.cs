namespace BrandPortal.Core.Topics;

/// <summary>
/// Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words", §3.5.1):
/// how much more often critical (1–3★) than positive (4–5★) reviews mention a term, as a z-score that discounts
/// what few reviews say. Counts are reviews mentioning the term, not word occurrences.
/// </summary>
/// <remarks>
/// The prior is the term's count in a background corpus (the brand), scaled by <c>priorWeight</c>. Terms that only one
/// group uses are where a weak prior matters most: with none, a phrase two critical reviews share would have infinite
/// log-odds; with the prior, its z-score grows with the evidence. <see cref="TopicService"/> uses a tenth of the brand.
/// </remarks>
public static class FightinWords
{
    /// <summary>The z-score of term w: positive when critical reviews mention it more, negative when positive ones do.</summary>
    /// <param name="critical">Critical reviews mentioning the term (y_iw).</param>
    /// <param name="positive">Positive reviews mentioning it (y_jw).</param>
    /// <param name="criticalTotal">Critical reviews in the scope (n_i).</param>
    /// <param name="positiveTotal">Positive reviews in the scope (n_j).</param>
    /// <param name="background">Reviews mentioning the term in the background corpus.</param>
    /// <param name="backgroundTotal">Reviews in the background corpus.</param>
    /// <param name="priorWeight">α0 as a multiple of the background size; α_w = priorWeight × background.</param>
    public static double Z(long critical, long positive, long criticalTotal, long positiveTotal, long background, long backgroundTotal, double priorWeight)
    {
        // A term nobody in the background mentions still gets a little prior mass, or its log-odds are undefined.
        var alphaW = Math.Max(priorWeight * background, 0.01);
        var alpha0 = Math.Max(priorWeight * backgroundTotal, alphaW * 2);
        var deltaCritical = Math.Log((critical + alphaW) / (criticalTotal + alpha0 - critical - alphaW));
        var deltaPositive = Math.Log((positive + alphaW) / (positiveTotal + alpha0 - positive - alphaW));
        var variance = 1.0 / (critical + alphaW) + 1.0 / (positive + alphaW);
        return (deltaCritical - deltaPositive) / Math.Sqrt(variance);
    }
}
