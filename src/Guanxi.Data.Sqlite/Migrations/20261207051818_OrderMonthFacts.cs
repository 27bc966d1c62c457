using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <summary>
    /// The kept monthly order facts (issue 18): <c>order_month_facts</c> holds each currency's order count and amount sum per
    /// calendar month, kept by triggers on every insert, update and delete of an order (new triggers beside the rollup
    /// triggers; both fire), and filled here from the existing orders in one grouped INSERT … SELECT. The home page's order
    /// count, revenue and revenue trend read it for callers who see every customer. Also an index on customers' kind, so
    /// the home page's count by kind reads the index alone.
    /// </summary>
    public partial class OrderMonthFacts : Migration
    {
        /// <summary>The first day of the order <paramref name="o"/>'s month, as <c>currency_rates.month</c> stores it.</summary>
        private static string MonthOf(string o) => $"substr({o}.ordered_at, 1, 7) || '-01'";

        private static string Add(string o) => $"""
              INSERT INTO order_month_facts (currency, month, order_count, total_cents) VALUES ({o}.currency, {MonthOf(o)}, 1, {o}.amount_cents)
              ON CONFLICT (currency, month) DO UPDATE SET order_count = order_count + 1, total_cents = total_cents + excluded.total_cents;
            """;

        private static string Remove(string o) => $"""
              UPDATE order_month_facts SET order_count = order_count - 1, total_cents = total_cents - {o}.amount_cents
              WHERE currency = {o}.currency AND month = {MonthOf(o)};
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order_month_facts",
                columns: table => new
                {
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    order_count = table.Column<long>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_month_facts", x => new { x.currency, x.month });
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_kind",
                table: "customers",
                column: "kind");

            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_orders_month_facts_insert AFTER INSERT ON orders BEGIN
                {Add("new")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_orders_month_facts_delete AFTER DELETE ON orders BEGIN
                {Remove("old")}
                END;
                """);
            // Only a change of currency, month or amount moves a fact (a merge's new customer_id does not).
            migrationBuilder.Sql($"""
                CREATE TRIGGER trg_orders_month_facts_update AFTER UPDATE OF currency, ordered_at, amount_cents ON orders
                WHEN new.currency IS NOT old.currency OR {MonthOf("new")} IS NOT {MonthOf("old")} OR new.amount_cents IS NOT old.amount_cents BEGIN
                {Remove("old")}
                {Add("new")}
                END;
                """);
            migrationBuilder.Sql($"""
                INSERT INTO order_month_facts (currency, month, order_count, total_cents)
                SELECT currency, {MonthOf("orders")}, count(*), sum(amount_cents) FROM orders GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in new[] { "trg_orders_month_facts_insert", "trg_orders_month_facts_delete", "trg_orders_month_facts_update" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");

            migrationBuilder.DropTable(
                name: "order_month_facts");

            migrationBuilder.DropIndex(
                name: "ix_customers_kind",
                table: "customers");
        }
    }
}
