using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewsCreatedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_reviews_created_id",
                table: "reviews",
                columns: new[] { "created_at", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "brand_id", "rating" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_reviews_created_id",
                table: "reviews");
        }
    }
}
