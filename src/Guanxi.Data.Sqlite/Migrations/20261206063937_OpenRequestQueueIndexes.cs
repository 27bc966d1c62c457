using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OpenRequestQueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_assignee_id_is_open_next_due_at_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_is_open_next_due_at_id",
                table: "service_requests");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_assignee_id_next_due_at_id",
                table: "service_requests",
                columns: new[] { "assignee_id", "next_due_at", "id" },
                filter: "is_open");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_next_due_at_id",
                table: "service_requests",
                columns: new[] { "next_due_at", "id" },
                filter: "is_open");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_assignee_id_next_due_at_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_next_due_at_id",
                table: "service_requests");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_assignee_id_is_open_next_due_at_id",
                table: "service_requests",
                columns: new[] { "assignee_id", "is_open", "next_due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_is_open_next_due_at_id",
                table: "service_requests",
                columns: new[] { "is_open", "next_due_at", "id" });
        }
    }
}
