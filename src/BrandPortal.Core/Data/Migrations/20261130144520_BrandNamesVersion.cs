using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class BrandNamesVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One counter for every change of brand names (Core/Access/BrandNameCache): the per-request access read returns
            // it instead of joining every represented brand's name, and the portal keeps the names it has read until the
            // counter moves. A transactional row, not a sequence: a sequence advances before the rename commits, and a
            // request in between would cache the old name under the new value. DELETE and TRUNCATE bump it too, so that an
            // id that comes back (an import with explicit ids) is never shown under a name it had before.
            migrationBuilder.Sql("""
CREATE TABLE brand_names_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO brand_names_version (id, version) VALUES (1, 0);

CREATE FUNCTION brand_names_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE brand_names_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER tr_brands_names_version AFTER UPDATE OF name OR DELETE OR TRUNCATE ON brands
    FOR EACH STATEMENT EXECUTE FUNCTION brand_names_bump();
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER IF EXISTS tr_brands_names_version ON brands;
DROP FUNCTION IF EXISTS brand_names_bump();
DROP TABLE IF EXISTS brand_names_version;
""");
        }
    }
}
