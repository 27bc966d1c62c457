using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ModelResultsWithoutRunKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_model_results_model_runs_run_id",
                table: "model_results");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_model_results_model_runs_run_id",
                table: "model_results",
                column: "run_id",
                principalTable: "model_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
