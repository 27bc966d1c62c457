using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OpportunityCustomerStageIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_opportunities_customer_id_status",
                table: "opportunities");

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_customer_id_status_stage_id",
                table: "opportunities",
                columns: new[] { "customer_id", "status", "stage_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_opportunities_customer_id_status_stage_id",
                table: "opportunities");

            migrationBuilder.CreateIndex(
                name: "ix_opportunities_customer_id_status",
                table: "opportunities",
                columns: new[] { "customer_id", "status" });
        }
    }
}
