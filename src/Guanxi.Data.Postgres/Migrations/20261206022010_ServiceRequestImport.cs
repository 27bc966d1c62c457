using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ServiceRequestImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "service_requests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "import_run_id",
                table: "service_requests",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_external_id",
                table: "service_requests",
                column: "external_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_external_id",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "import_run_id",
                table: "service_requests");
        }
    }
}
