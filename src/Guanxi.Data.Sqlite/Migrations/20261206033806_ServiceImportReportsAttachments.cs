using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceImportReportsAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "service_requests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "first_response_minutes",
                table: "service_requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "import_run_id",
                table: "service_requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "resolution_minutes",
                table: "service_requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "service_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    request_id = table.Column<long>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    stored_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_attachments_asp_net_users_uploaded_by_id",
                        column: x => x.uploaded_by_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_service_attachments_service_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "service_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_created_at",
                table: "service_requests",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_external_id",
                table: "service_requests",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_attachments_request_id_id",
                table: "service_attachments",
                columns: new[] { "request_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_attachments_stored_name",
                table: "service_attachments",
                column: "stored_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_attachments_uploaded_by_id",
                table: "service_attachments",
                column: "uploaded_by_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_attachments");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_created_at",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_external_id",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "first_response_minutes",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "import_run_id",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "resolution_minutes",
                table: "service_requests");
        }
    }
}
