using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurveyResultIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_satisfaction_surveys_agent_id",
                table: "satisfaction_surveys");

            migrationBuilder.DropIndex(
                name: "ix_satisfaction_surveys_team_id",
                table: "satisfaction_surveys");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_agent_id_kind_score_customer_id",
                table: "satisfaction_surveys",
                columns: new[] { "agent_id", "kind", "score", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_team_id_kind_score_customer_id",
                table: "satisfaction_surveys",
                columns: new[] { "team_id", "kind", "score", "customer_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_satisfaction_surveys_agent_id_kind_score_customer_id",
                table: "satisfaction_surveys");

            migrationBuilder.DropIndex(
                name: "ix_satisfaction_surveys_team_id_kind_score_customer_id",
                table: "satisfaction_surveys");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_agent_id",
                table: "satisfaction_surveys",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_team_id",
                table: "satisfaction_surveys",
                column: "team_id");
        }
    }
}
