namespace BrandPortal.Core.Topics;

/// <summary>The SQL of a recount of the groups in tp_claimed (see <see cref="TopicIndex"/>).</summary>
internal static class TopicSql
{
    /// <summary>The reviews r of the claimed groups: by the product index, then the month.</summary>
    public const string ClaimedReviews = """
        tp_claimed c JOIN reviews r ON r.product_id = c.product_id
            AND r.created_at >= (c.month::timestamp AT TIME ZONE 'UTC') AND r.created_at < ((c.month + interval '1 month') AT TIME ZONE 'UTC')
        """;

    /// <summary>
    /// Terms of the European languages come from to_tsvector per sentence: its positions count stop words too, so two
    /// lexemes at neighbouring positions are neighbouring words with no stop word between them, and n-grams are rebuilt
    /// from them (a stop word, a number or a sentence end breaks a phrase). A term counts once per review. The old rows
    /// of the groups are subtracted from the brand totals and the new ones added, so topic_brand_terms needs no recount.
    /// </summary>
    public const string Recount = $"""
        CREATE TEMP TABLE tp_src ON COMMIT DROP AS
        SELECT r.id, r.product_id, r.brand_id, c.month, r.rating, r.created_at, topic_language(r.body) AS language, r.body
        FROM {ClaimedReviews};

        INSERT INTO tp_terms
        WITH sentences AS (
            SELECT s.id, x.n AS sno, topic_config(s.language) AS cfg, x.t
            FROM tp_src s, regexp_split_to_table(s.body, '[.!?;:¡¿…\n]+') WITH ORDINALITY x(t, n)
            WHERE s.language <> 'ja'),
        lex AS MATERIALIZED (
            SELECT se.id, se.sno, w.lexeme, p.pos
            FROM sentences se, unnest(to_tsvector(se.cfg, se.t)) w, unnest(w.positions) p(pos)
            WHERE length(w.lexeme) > 1 AND w.lexeme !~ '^[0-9]'),
        grams AS (
            SELECT id, lexeme AS term FROM lex
            UNION ALL
            SELECT a.id, a.lexeme || ' ' || b.lexeme FROM lex a JOIN lex b ON b.id = a.id AND b.sno = a.sno AND b.pos = a.pos + 1
            UNION ALL
            SELECT a.id, a.lexeme || ' ' || b.lexeme || ' ' || c.lexeme
            FROM lex a JOIN lex b ON b.id = a.id AND b.sno = a.sno AND b.pos = a.pos + 1
                       JOIN lex c ON c.id = a.id AND c.sno = a.sno AND c.pos = a.pos + 2
            UNION ALL
            SELECT review_id, term FROM tp_ja),
        mentions AS (SELECT DISTINCT id, term FROM grams)
        SELECT s.product_id, s.brand_id, s.month, s.language, m.term,
               count(*) FILTER (WHERE s.rating = 1), count(*) FILTER (WHERE s.rating = 2), count(*) FILTER (WHERE s.rating = 3),
               count(*) FILTER (WHERE s.rating = 4), count(*) FILTER (WHERE s.rating = 5),
               max(s.id) FILTER (WHERE s.rating <= 3), max(s.id) FILTER (WHERE s.rating >= 4)
        FROM mentions m JOIN tp_src s ON s.id = m.id
        GROUP BY s.product_id, s.brand_id, s.month, s.language, m.term;

        WITH old AS (
            DELETE FROM topic_terms t USING tp_claimed c WHERE t.product_id = c.product_id AND t.month = c.month
            RETURNING t.brand_id, t.month, t.language, t.term, t.n1, t.n2, t.n3, t.n4, t.n5)
        INSERT INTO tp_delta SELECT brand_id, month, language, term, -n1, -n2, -n3, -n4, -n5 FROM old;
        INSERT INTO tp_delta SELECT brand_id, month, language, term, n1, n2, n3, n4, n5 FROM tp_terms;
        INSERT INTO topic_terms SELECT * FROM tp_terms;

        INSERT INTO topic_brand_terms (brand_id, language, term, month, n1, n2, n3, n4, n5)
        SELECT brand_id, language, term, month, sum(n1), sum(n2), sum(n3), sum(n4), sum(n5)
        FROM tp_delta GROUP BY brand_id, language, term, month
        ON CONFLICT (brand_id, language, term, month) DO UPDATE SET
            n1 = topic_brand_terms.n1 + excluded.n1, n2 = topic_brand_terms.n2 + excluded.n2, n3 = topic_brand_terms.n3 + excluded.n3,
            n4 = topic_brand_terms.n4 + excluded.n4, n5 = topic_brand_terms.n5 + excluded.n5;
        DELETE FROM topic_brand_terms b USING (SELECT DISTINCT brand_id, language, term, month FROM tp_delta) d
        WHERE b.brand_id = d.brand_id AND b.language = d.language AND b.term = d.term AND b.month = d.month
          AND b.n1 = 0 AND b.n2 = 0 AND b.n3 = 0 AND b.n4 = 0 AND b.n5 = 0;

        DELETE FROM topic_docs t USING tp_claimed c WHERE t.product_id = c.product_id AND t.month = c.month;
        INSERT INTO topic_docs (product_id, brand_id, month, language, n1, n2, n3, n4, n5)
        SELECT product_id, brand_id, month, language,
               count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
               count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5)
        FROM tp_src GROUP BY product_id, brand_id, month, language;
        DROP TABLE tp_src;
        """;
}
