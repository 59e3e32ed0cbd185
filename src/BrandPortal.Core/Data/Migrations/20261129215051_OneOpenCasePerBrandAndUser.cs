using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneOpenCasePerBrandAndUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Duplicates opened by the race before this index existed: the oldest open case per brand and user stays
            // open, later ones are closed as rejected with a note saying why (no role was granted by them).
            migrationBuilder.Sql("""
                UPDATE cases c SET state = 'Rejected', decided_at = now(),
                    decision_note = 'Closed automatically: a duplicate of case BR-' || lpad(keep.id::text, 5, '0') || ', open for the same user and brand.'
                FROM (SELECT brand_id, subject_user_id, min(id) AS id FROM cases WHERE state = 'Open' GROUP BY brand_id, subject_user_id) keep
                WHERE c.state = 'Open' AND c.brand_id = keep.brand_id AND c.subject_user_id = keep.subject_user_id AND c.id <> keep.id;
                """);

            migrationBuilder.CreateIndex(
                name: "ux_cases_one_open_per_brand_and_user",
                table: "cases",
                columns: new[] { "brand_id", "subject_user_id" },
                unique: true,
                filter: "state = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_cases_one_open_per_brand_and_user",
                table: "cases");
        }
    }
}
