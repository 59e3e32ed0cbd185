using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConditionAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "condition_alert_choices",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    rule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    chosen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_condition_alert_choices", x => new { x.user_id, x.rule });
                    table.ForeignKey(
                        name: "fk_condition_alert_choices_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "condition_alert_occurrences",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    seller_account_id = table.Column<long>(type: "bigint", nullable: false),
                    brand_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: true),
                    thread_id = table.Column<long>(type: "bigint", nullable: true),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cleared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    emails_queued = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_condition_alert_occurrences", x => x.id);
                    table.ForeignKey(
                        name: "fk_condition_alert_occurrences_brands_brand_id",
                        column: x => x.brand_id,
                        principalTable: "brands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_condition_alert_occurrences_seller_accounts_seller_account_",
                        column: x => x.seller_account_id,
                        principalTable: "seller_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_condition_alert_choices_rule_user_id",
                table: "condition_alert_choices",
                columns: new[] { "rule", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_condition_alert_occurrences_brand_id",
                table: "condition_alert_occurrences",
                column: "brand_id");

            migrationBuilder.CreateIndex(
                name: "ix_condition_alert_occurrences_open",
                table: "condition_alert_occurrences",
                columns: new[] { "rule", "seller_account_id", "subject" },
                unique: true,
                filter: "cleared_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_condition_alert_occurrences_seller_account_id_detected_at",
                table: "condition_alert_occurrences",
                columns: new[] { "seller_account_id", "detected_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "condition_alert_choices");

            migrationBuilder.DropTable(
                name: "condition_alert_occurrences");
        }
    }
}
