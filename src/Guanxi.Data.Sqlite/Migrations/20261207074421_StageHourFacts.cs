using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StageHourFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_opportunities_pipeline_id_closed_at",
                table: "opportunities");

            migrationBuilder.CreateTable(
                name: "stage_hour_facts",
                columns: table => new
                {
                    stage_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    changes = table.Column<long>(type: "INTEGER", nullable: false),
                    seconds = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_hour_facts", x => new { x.stage_id, x.hour });
                    table.ForeignKey(
                        name: "fk_stage_hour_facts_pipeline_stages_stage_id",
                        column: x => x.stage_id,
                        principalTable: "pipeline_stages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_pipeline_id_closed_at_status_source_channel_heat_owner_id_customer_id",
                table: "opportunities",
                columns: new[] { "pipeline_id", "closed_at", "status", "source", "channel", "heat", "owner_id", "customer_id" });

            // Backfill: the hour facts of the history already there (as SalesFacts.RebuildAsync computes them; the hour is
            // the stored text's date and hour (its first 13 characters), so no rounding of the seconds moves a change into the next hour).
            migrationBuilder.Sql("""
                INSERT INTO stage_hour_facts (stage_id, hour, changes, seconds)
                SELECT from_stage_id, CAST(strftime('%s', substr(at, 1, 13) || ':00:00') AS INTEGER) / 3600, COUNT(*), SUM(seconds_in_stage)
                FROM opportunity_stage_changes
                WHERE from_stage_id IS NOT NULL AND seconds_in_stage IS NOT NULL
                GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stage_hour_facts");

            migrationBuilder.DropIndex(
                name: "ix_opportunities_pipeline_id_closed_at_status_source_channel_heat_owner_id_customer_id",
                table: "opportunities");

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_pipeline_id_closed_at",
                table: "opportunities",
                columns: new[] { "pipeline_id", "closed_at" });
        }
    }
}
