using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RollupTimesAreBusinessLocal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateTime>(
                name: "last_order_at",
                table: "customer_rollups",
                type: "timestamp without time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "last_contact_at",
                table: "customer_rollups",
                type: "timestamp without time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "first_order_at",
                table: "customer_rollups",
                type: "timestamp without time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);

            // The old columns held business-local times shifted by the writing session's time zone: recompute them
            // from the orders and interactions instead of trusting a cast back (SQLite stored them as written).
            migrationBuilder.Sql("""
                UPDATE customer_rollups r SET first_order_at = o.f, last_order_at = o.l
                FROM (SELECT customer_id, min(ordered_at) AS f, max(ordered_at) AS l FROM orders GROUP BY customer_id) o
                WHERE o.customer_id = r.customer_id;
                UPDATE customer_rollups r SET last_contact_at = i.l
                FROM (SELECT customer_id, max(occurred_at) AS l FROM interactions GROUP BY customer_id) i
                WHERE i.customer_id = r.customer_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateTime>(
                name: "last_order_at",
                table: "customer_rollups",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp without time zone",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "last_contact_at",
                table: "customer_rollups",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp without time zone",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTime>(
                name: "first_order_at",
                table: "customer_rollups",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp without time zone",
                oldNullable: true);
        }
    }
}
