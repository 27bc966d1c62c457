using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
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
                type: "bigint",
                nullable: true);

            // The SLA check keeps to whom it escalated a request on the request; the history rows it wrote before become that.
            migrationBuilder.Sql("""
                UPDATE service_requests r SET escalated_to_id = CAST(e.to_value AS bigint)
                FROM (SELECT DISTINCT ON (request_id) request_id, to_value FROM service_request_events
                      WHERE kind = 'escalated' AND to_value IS NOT NULL ORDER BY request_id, id) e
                WHERE e.request_id = r.id;
                DELETE FROM service_request_events WHERE kind = 'escalated';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO service_request_events (request_id, kind, to_value, at)
                SELECT id, 'escalated', CAST(escalated_to_id AS text), escalated_at FROM service_requests WHERE escalated_at IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "escalated_to_id",
                table: "service_requests");
        }
    }
}
