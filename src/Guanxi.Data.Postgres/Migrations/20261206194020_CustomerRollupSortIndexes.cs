using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerRollupSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_customer_rollups_first_order_at",
                table: "customer_rollups",
                column: "first_order_at");

            migrationBuilder.CreateIndex(
                name: "ix_customer_rollups_last_order_at_customer_id",
                table: "customer_rollups",
                columns: new[] { "last_order_at", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_rollups_order_count_customer_id",
                table: "customer_rollups",
                columns: new[] { "order_count", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_rollups_total_cents_customer_id",
                table: "customer_rollups",
                columns: new[] { "total_cents", "customer_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customer_rollups_first_order_at",
                table: "customer_rollups");

            migrationBuilder.DropIndex(
                name: "ix_customer_rollups_last_order_at_customer_id",
                table: "customer_rollups");

            migrationBuilder.DropIndex(
                name: "ix_customer_rollups_order_count_customer_id",
                table: "customer_rollups");

            migrationBuilder.DropIndex(
                name: "ix_customer_rollups_total_cents_customer_id",
                table: "customer_rollups");
        }
    }
}
