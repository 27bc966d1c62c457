using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceScanIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_satisfaction_surveys_answered_at",
                table: "satisfaction_surveys");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_complaints",
                table: "service_requests",
                columns: new[] { "customer_id", "created_at", "resolved_at", "closed_at" },
                filter: "type = 'Complaint'");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_answered_at_customer_id_kind_score",
                table: "satisfaction_surveys",
                columns: new[] { "answered_at", "customer_id", "kind", "score" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_complaints",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_satisfaction_surveys_answered_at_customer_id_kind_score",
                table: "satisfaction_surveys");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_answered_at",
                table: "satisfaction_surveys",
                column: "answered_at");
        }
    }
}
