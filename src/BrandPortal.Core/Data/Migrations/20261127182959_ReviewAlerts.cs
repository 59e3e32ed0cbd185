using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_deliveries",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    review_id = table.Column<long>(type: "bigint", nullable: false),
                    outbox_email_id = table.Column<long>(type: "bigint", nullable: false),
                    alerted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_deliveries", x => new { x.user_id, x.review_id });
                    table.ForeignKey(
                        name: "fk_alert_deliveries_outbox_emails_outbox_email_id",
                        column: x => x.outbox_email_id,
                        principalTable: "outbox_emails",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_alert_deliveries_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alert_deliveries_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_subscriptions",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    frequency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_digest_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_subscriptions", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_alert_subscriptions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_outbox_email_id",
                table: "alert_deliveries",
                column: "outbox_email_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_review_id",
                table: "alert_deliveries",
                column: "review_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_subscriptions_frequency",
                table: "alert_subscriptions",
                column: "frequency",
                filter: "frequency <> 'Off'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_deliveries");

            migrationBuilder.DropTable(
                name: "alert_subscriptions");
        }
    }
}
