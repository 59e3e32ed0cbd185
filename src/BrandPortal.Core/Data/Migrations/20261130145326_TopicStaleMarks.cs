using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TopicStaleMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // topic_stale becomes a log of marks: every write appends its (product, month) groups and nobody updates or
            // waits on a mark; a refresh deletes exactly the marks its claim saw (by id) once it has recounted their
            // groups, so a mark committed after the claim survives for the next refresh. A unique (product, month)
            // made a writer's mark a no-op when the group was already marked, and a recount running at that moment
            // could miss the writer's reviews and then delete the only mark of them.
            migrationBuilder.Sql("""
ALTER TABLE topic_stale DROP CONSTRAINT topic_stale_pkey;
ALTER TABLE topic_stale ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE topic_stale ADD PRIMARY KEY (id);
CREATE INDEX ix_topic_stale_group ON topic_stale (product_id, month);
CREATE OR REPLACE FUNCTION topic_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO topic_stale (product_id, month)
        SELECT DISTINCT n.product_id, date_trunc('month', n.created_at AT TIME ZONE 'UTC')::date FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO topic_stale (product_id, month)
        SELECT DISTINCT o.product_id, date_trunc('month', o.created_at AT TIME ZONE 'UTC')::date FROM old_rows o;
    ELSE
        -- Only what topics count: the body, the rating, the product and the month.
        INSERT INTO topic_stale (product_id, month)
        SELECT DISTINCT g.product_id, g.month FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.product_id, date_trunc('month', n.created_at AT TIME ZONE 'UTC')::date),
                                   (o.product_id, date_trunc('month', o.created_at AT TIME ZONE 'UTC')::date)) g(product_id, month)
        WHERE (n.body, n.rating, n.product_id, n.created_at) IS DISTINCT FROM (o.body, o.rating, o.product_id, o.created_at);
    END IF;
    RETURN NULL;
END
$fn$;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DELETE FROM topic_stale s USING topic_stale t WHERE s.product_id = t.product_id AND s.month = t.month AND s.id > t.id;
DROP INDEX ix_topic_stale_group;
ALTER TABLE topic_stale DROP CONSTRAINT topic_stale_pkey;
ALTER TABLE topic_stale DROP COLUMN id;
ALTER TABLE topic_stale ADD PRIMARY KEY (product_id, month);
CREATE OR REPLACE FUNCTION topic_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
""");
        }
    }
}
