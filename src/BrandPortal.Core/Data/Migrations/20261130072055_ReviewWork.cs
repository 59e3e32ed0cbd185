using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "email_when_assigned",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValueSql: "true");

            migrationBuilder.CreateTable(
                name: "review_work",
                columns: table => new
                {
                    seller_account_id = table.Column<long>(type: "bigint", nullable: false),
                    review_id = table.Column<long>(type: "bigint", nullable: false),
                    brand_id = table.Column<long>(type: "bigint", nullable: false),
                    review_created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by_user_id = table.Column<long>(type: "bigint", nullable: true),
                    assignee_user_id = table.Column<long>(type: "bigint", nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    assigned_by_user_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_work", x => new { x.seller_account_id, x.review_id });
                    table.CheckConstraint("ck_review_work_assigned", "(assignee_user_id IS NULL) = (assigned_at IS NULL)");
                    table.CheckConstraint("ck_review_work_done_by", "(done_at IS NULL) = (done_by_user_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_review_work_brands_brand_id",
                        column: x => x.brand_id,
                        principalTable: "brands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_work_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_review_work_seller_accounts_seller_account_id",
                        column: x => x.seller_account_id,
                        principalTable: "seller_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_review_work_users_assigned_by_user_id",
                        column: x => x.assigned_by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_work_users_assignee_user_id",
                        column: x => x.assignee_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_work_users_done_by_user_id",
                        column: x => x.done_by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_review_work_assigned_by_user_id",
                table: "review_work",
                column: "assigned_by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_work_assignee_created",
                table: "review_work",
                columns: new[] { "assignee_user_id", "seller_account_id", "review_created_at", "review_id" },
                filter: "assignee_user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_review_work_brand_id",
                table: "review_work",
                column: "brand_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_work_done_by_user_id",
                table: "review_work",
                column: "done_by_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_work_done_created",
                table: "review_work",
                columns: new[] { "seller_account_id", "review_created_at", "review_id" },
                filter: "done_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_review_work_review_id",
                table: "review_work",
                column: "review_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_work");

            migrationBuilder.DropColumn(
                name: "email_when_assigned",
                table: "users");
        }
    }
}
