using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OrderReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_return",
                table: "orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "returns_order_id",
                table: "orders",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "guests",
                table: "import_runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "lines",
                table: "import_runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "returns",
                table: "import_runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_orders_returns_order_id",
                table: "orders",
                column: "returns_order_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_returns_order_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "is_return",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "returns_order_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "guests",
                table: "import_runs");

            migrationBuilder.DropColumn(
                name: "lines",
                table: "import_runs");

            migrationBuilder.DropColumn(
                name: "returns",
                table: "import_runs");
        }
    }
}
