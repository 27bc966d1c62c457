using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AgentQueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_interactions_staff_user_id",
                table: "interactions");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_customer_id_next_due_at",
                table: "service_requests",
                columns: new[] { "customer_id", "next_due_at" },
                filter: "is_open");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_staff_user_id_customer_id",
                table: "interactions",
                columns: new[] { "staff_user_id", "customer_id" });

            // Without DISTINCT the view folds into the query that uses it (a seek on staff and customer); with it, every
            // query of a service agent read all interactions to build it.
            migrationBuilder.Sql("DROP VIEW IF EXISTS customer_servers;");
            migrationBuilder.Sql("CREATE VIEW customer_servers AS SELECT customer_id, staff_user_id FROM interactions WHERE staff_user_id IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_customer_id_next_due_at",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_interactions_staff_user_id_customer_id",
                table: "interactions");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_staff_user_id",
                table: "interactions",
                column: "staff_user_id");

            migrationBuilder.Sql("DROP VIEW IF EXISTS customer_servers;");
            migrationBuilder.Sql("CREATE VIEW customer_servers AS SELECT DISTINCT customer_id, staff_user_id FROM interactions WHERE staff_user_id IS NOT NULL;");
        }
    }
}
