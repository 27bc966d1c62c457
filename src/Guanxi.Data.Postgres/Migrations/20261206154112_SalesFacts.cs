using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SalesFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_opportunity_stage_changes_at",
                table: "opportunity_stage_changes");

            migrationBuilder.AddColumn<int>(
                name: "furthest_position",
                table: "opportunities",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "stage_outcome_counts",
                columns: table => new
                {
                    stage_id = table.Column<long>(type: "bigint", nullable: false),
                    bucket = table.Column<int>(type: "integer", nullable: false),
                    won = table.Column<long>(type: "bigint", nullable: false),
                    lost = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_outcome_counts", x => new { x.stage_id, x.bucket });
                    table.ForeignKey(
                        name: "fk_stage_outcome_counts_pipeline_stages_stage_id",
                        column: x => x.stage_id,
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_stage_changes_at_from_stage_id_seconds_in_stage~",
                table: "opportunity_stage_changes",
                columns: new[] { "at", "from_stage_id", "seconds_in_stage", "opportunity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_pipeline_id_closed_at",
                table: "opportunities",
                columns: new[] { "pipeline_id", "closed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_pipeline_id_created_at_furthest_position_cust~",
                table: "opportunities",
                columns: new[] { "pipeline_id", "created_at", "furthest_position", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_status_currency_closed_at",
                table: "opportunities",
                columns: new[] { "status", "currency", "closed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_status_currency_expected_close_on",
                table: "opportunities",
                columns: new[] { "status", "currency", "expected_close_on" });

            // Backfill: the facts of the history already there (as SalesFacts.RebuildAsync computes them).
            migrationBuilder.Sql("""
                UPDATE opportunities SET furthest_position = (
                    SELECT MAX(s.position) FROM opportunity_stage_changes c JOIN pipeline_stages s ON s.id = c.to_stage_id
                    WHERE c.opportunity_id = opportunities.id);
                """);
            migrationBuilder.Sql("""
                INSERT INTO stage_outcome_counts (stage_id, bucket, won, lost)
                SELECT c.from_stage_id,
                       CASE WHEN c.seconds_in_stage < 1209600 THEN 0 WHEN c.seconds_in_stage < 3888000 THEN 1 WHEN c.seconds_in_stage < 10368000 THEN 2 ELSE 3 END,
                       SUM(CASE WHEN o.status = 'Won' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN o.status = 'Won' THEN 0 ELSE 1 END)
                FROM opportunity_stage_changes c JOIN opportunities o ON o.id = c.opportunity_id
                WHERE c.from_stage_id IS NOT NULL AND c.from_status = 'Open' AND c.seconds_in_stage IS NOT NULL AND o.status <> 'Open'
                GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stage_outcome_counts");

            migrationBuilder.DropIndex(
                name: "ix_opportunity_stage_changes_at_from_stage_id_seconds_in_stage~",
                table: "opportunity_stage_changes");

            migrationBuilder.DropIndex(
                name: "ix_opportunities_pipeline_id_closed_at",
                table: "opportunities");

            migrationBuilder.DropIndex(
                name: "ix_opportunities_pipeline_id_created_at_furthest_position_cust~",
                table: "opportunities");

            migrationBuilder.DropIndex(
                name: "ix_opportunities_status_currency_closed_at",
                table: "opportunities");

            migrationBuilder.DropIndex(
                name: "ix_opportunities_status_currency_expected_close_on",
                table: "opportunities");

            migrationBuilder.DropColumn(
                name: "furthest_position",
                table: "opportunities");

            migrationBuilder.CreateIndex(
                name: "ix_opportunity_stage_changes_at",
                table: "opportunity_stage_changes",
                column: "at");
        }
    }
}
