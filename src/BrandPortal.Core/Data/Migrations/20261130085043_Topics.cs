using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Topics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Topic statistics (Core/Topics): aggregates per (product, month, language) kept current from the reviews'
            // own triggers, which mark the (product, month) groups a statement changed; TopicIndex recounts those.
            migrationBuilder.Sql("""
-- Language of a review body for topics: Japanese by its script, otherwise the language whose common words occur most.
CREATE FUNCTION topic_language(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
SELECT CASE
    WHEN body ~ '[\u3040-\u30ff\u4e00-\u9fff]' THEN 'ja'
    ELSE (SELECT v.l FROM (VALUES
        ('en', 1, (SELECT count(*) FROM regexp_matches(lower(body), '\m(the|and|is|it|was|this|with|not|for|my|but|after)\M', 'g'))),
        ('de', 2, (SELECT count(*) FROM regexp_matches(lower(body), '\m(der|die|das|und|ist|nicht|ich|mit|ein|eine|nach|sehr)\M', 'g'))),
        ('fr', 3, (SELECT count(*) FROM regexp_matches(lower(body), '\m(le|les|et|est|pas|je|avec|une|il|ne|très|après)\M', 'g'))),
        ('es', 4, (SELECT count(*) FROM regexp_matches(lower(body), '\m(el|los|las|y|es|no|con|una|muy|que|después|se)\M', 'g')))
    ) v(l, o, n) ORDER BY v.n DESC, v.o LIMIT 1)
END
$fn$;

-- The text-search configuration of a topic language (Japanese has none: its terms are made in .NET).
CREATE FUNCTION topic_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
SELECT CASE language WHEN 'de' THEN 'german' WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish' WHEN 'en' THEN 'english' ELSE 'simple' END::regconfig
$fn$;

-- Reviews per (product, month, language) and star rating: the denominators of the topic statistics.
CREATE TABLE topic_docs (
    product_id bigint NOT NULL,
    brand_id bigint NOT NULL,
    month date NOT NULL,
    language text NOT NULL,
    n1 integer NOT NULL, n2 integer NOT NULL, n3 integer NOT NULL, n4 integer NOT NULL, n5 integer NOT NULL,
    PRIMARY KEY (product_id, month, language)
);
CREATE INDEX ix_topic_docs_brand ON topic_docs (brand_id, month);

-- Reviews mentioning a term (a stemmed 1-3-word phrase) per (product, month, language) and star rating, with the
-- newest critical and the newest positive review of the group that mention it (examples for the panel).
CREATE TABLE topic_terms (
    product_id bigint NOT NULL,
    brand_id bigint NOT NULL,
    month date NOT NULL,
    language text NOT NULL,
    term text NOT NULL,
    n1 integer NOT NULL, n2 integer NOT NULL, n3 integer NOT NULL, n4 integer NOT NULL, n5 integer NOT NULL,
    critical_example bigint,
    positive_example bigint,
    PRIMARY KEY (product_id, month, language, term)
);
CREATE INDEX ix_topic_terms_brand_term ON topic_terms (brand_id, language, term, month);

-- The same counts summed over a brand's products: what the brand panel reads.
CREATE TABLE topic_brand_terms (
    brand_id bigint NOT NULL,
    month date NOT NULL,
    language text NOT NULL,
    term text NOT NULL,
    n1 integer NOT NULL, n2 integer NOT NULL, n3 integer NOT NULL, n4 integer NOT NULL, n5 integer NOT NULL,
    PRIMARY KEY (brand_id, language, term, month)
);

-- (product, month) groups whose reviews changed since their statistics were counted.
CREATE TABLE topic_stale (
    product_id bigint NOT NULL,
    month date NOT NULL,
    PRIMARY KEY (product_id, month)
);

CREATE FUNCTION topic_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO topic_stale (product_id, month)
        SELECT DISTINCT n.product_id, date_trunc('month', n.created_at AT TIME ZONE 'UTC')::date FROM new_rows n
        ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO topic_stale (product_id, month)
        SELECT DISTINCT o.product_id, date_trunc('month', o.created_at AT TIME ZONE 'UTC')::date FROM old_rows o
        ON CONFLICT DO NOTHING;
    ELSE
        -- Only what topics count: the body, the rating, the product and the month.
        INSERT INTO topic_stale (product_id, month)
        SELECT DISTINCT g.product_id, g.month FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.product_id, date_trunc('month', n.created_at AT TIME ZONE 'UTC')::date),
                                   (o.product_id, date_trunc('month', o.created_at AT TIME ZONE 'UTC')::date)) g(product_id, month)
        WHERE (n.body, n.rating, n.product_id, n.created_at) IS DISTINCT FROM (o.body, o.rating, o.product_id, o.created_at)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER tr_reviews_topics_insert AFTER INSERT ON reviews REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION topic_mark_stale();
CREATE TRIGGER tr_reviews_topics_update AFTER UPDATE ON reviews REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION topic_mark_stale();
CREATE TRIGGER tr_reviews_topics_delete AFTER DELETE ON reviews REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION topic_mark_stale();

-- Reviews already stored are counted by the next refresh (or `topics rebuild`).
INSERT INTO topic_stale (product_id, month)
SELECT DISTINCT product_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date FROM reviews ON CONFLICT DO NOTHING;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER IF EXISTS tr_reviews_topics_insert ON reviews;
DROP TRIGGER IF EXISTS tr_reviews_topics_update ON reviews;
DROP TRIGGER IF EXISTS tr_reviews_topics_delete ON reviews;
DROP FUNCTION IF EXISTS topic_mark_stale();
DROP TABLE IF EXISTS topic_stale, topic_brand_terms, topic_terms, topic_docs;
DROP FUNCTION IF EXISTS topic_config(text);
DROP FUNCTION IF EXISTS topic_language(text);
""");
        }
    }
}
