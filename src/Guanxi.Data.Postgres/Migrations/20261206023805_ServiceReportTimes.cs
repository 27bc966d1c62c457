using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ServiceReportTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "first_response_minutes",
                table: "service_requests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "resolution_minutes",
                table: "service_requests",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_created_at",
                table: "service_requests",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_created_at",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "first_response_minutes",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "resolution_minutes",
                table: "service_requests");
        }
    }
}
