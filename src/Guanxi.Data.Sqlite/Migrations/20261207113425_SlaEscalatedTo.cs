using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SlaEscalatedTo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "escalated_to_id",
                table: "service_requests",
                type: "INTEGER",
                nullable: true);

            // The SLA check keeps to whom it escalated a request on the request; the history rows it wrote before become that.
            migrationBuilder.Sql("""
                UPDATE service_requests SET escalated_to_id = (
                    SELECT CAST(e.to_value AS INTEGER) FROM service_request_events e
                    WHERE e.request_id = service_requests.id AND e.kind = 'escalated' AND e.to_value IS NOT NULL ORDER BY e.id LIMIT 1)
                WHERE escalated_at IS NOT NULL;
                DELETE FROM service_request_events WHERE kind = 'escalated';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO service_request_events (request_id, kind, to_value, at)
                SELECT id, 'escalated', CAST(escalated_to_id AS TEXT), escalated_at FROM service_requests WHERE escalated_at IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "escalated_to_id",
                table: "service_requests");
        }
    }
}
