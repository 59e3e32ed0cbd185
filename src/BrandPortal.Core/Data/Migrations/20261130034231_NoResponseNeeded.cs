using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BrandPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoResponseNeeded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "no_response_needed_at",
                table: "thread_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "no_response_needed_by_user_id",
                table: "thread_messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_thread_messages_customer_sent_at",
                table: "thread_messages",
                column: "sent_at",
                filter: "sender = 'Customer'");

            migrationBuilder.CreateIndex(
                name: "ix_thread_messages_no_response_needed_by_user_id",
                table: "thread_messages",
                column: "no_response_needed_by_user_id");

            migrationBuilder.AddForeignKey(
                name: "fk_thread_messages_users_no_response_needed_by_user_id",
                table: "thread_messages",
                column: "no_response_needed_by_user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_thread_messages_users_no_response_needed_by_user_id",
                table: "thread_messages");

            migrationBuilder.DropIndex(
                name: "ix_thread_messages_customer_sent_at",
                table: "thread_messages");

            migrationBuilder.DropIndex(
                name: "ix_thread_messages_no_response_needed_by_user_id",
                table: "thread_messages");

            migrationBuilder.DropColumn(
                name: "no_response_needed_at",
                table: "thread_messages");

            migrationBuilder.DropColumn(
                name: "no_response_needed_by_user_id",
                table: "thread_messages");
        }
    }
}
