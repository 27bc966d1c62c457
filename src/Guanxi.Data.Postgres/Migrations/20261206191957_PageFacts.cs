using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PageFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rfm_grid",
                table: "model_runs",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_interactions_occurred_at_id",
                table: "interactions",
                columns: new[] { "occurred_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_interactions_occurred_at_id",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "rfm_grid",
                table: "model_runs");
        }
    }
}
