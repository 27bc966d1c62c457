using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
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
        /// <summary>An update's net change per currency and month: the new rows added, the old taken away.</summary>
        private const string UpdatedRows = """
            SELECT d.currency, d.month, sum(d.n), sum(d.cents) FROM (
              SELECT currency, date_trunc('month', ordered_at)::date AS month, 1 AS n, amount_cents AS cents FROM changed_rows
              UNION ALL
              SELECT currency, date_trunc('month', ordered_at)::date, -1, -amount_cents FROM old_rows) d
            GROUP BY d.currency, d.month HAVING sum(d.n) <> 0 OR sum(d.cents) <> 0
            """;

        /// <summary>Adds the grouped rows of <paramref name="rows"/> (currency, month, count, cents) to the facts.</summary>
        private static string Upsert(string rows) => $"""
              INSERT INTO order_month_facts AS f (currency, month, order_count, total_cents)
              {rows}
              ON CONFLICT (currency, month) DO UPDATE SET order_count = f.order_count + excluded.order_count,
                total_cents = f.total_cents + excluded.total_cents;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order_month_facts",
                columns: table => new
                {
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    order_count = table.Column<long>(type: "bigint", nullable: false),
                    total_cents = table.Column<long>(type: "bigint", nullable: false)
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
                CREATE FUNCTION order_month_facts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                {Upsert("SELECT n.currency, date_trunc('month', n.ordered_at)::date, count(*), sum(n.amount_cents) FROM new_rows n GROUP BY 1, 2")}
                  RETURN NULL;
                END $$;
                CREATE FUNCTION order_month_facts_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                {Upsert(UpdatedRows)}
                  RETURN NULL;
                END $$;
                CREATE FUNCTION order_month_facts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE order_month_facts f SET order_count = f.order_count - s.n, total_cents = f.total_cents - s.t
                  FROM (SELECT currency, date_trunc('month', ordered_at)::date AS month, count(*) AS n, sum(amount_cents) AS t
                        FROM old_rows GROUP BY 1, 2) s
                  WHERE f.currency = s.currency AND f.month = s.month;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER trg_orders_month_facts_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION order_month_facts_insert();
                -- Transition tables allow no column list: the grouping drops what nets to nothing (a merge's new customer_id).
                CREATE TRIGGER trg_orders_month_facts_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION order_month_facts_update();
                CREATE TRIGGER trg_orders_month_facts_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION order_month_facts_delete();
                """);
            migrationBuilder.Sql("""
                INSERT INTO order_month_facts (currency, month, order_count, total_cents)
                SELECT currency, date_trunc('month', ordered_at)::date, count(*), sum(amount_cents) FROM orders GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_month_facts_insert ON orders;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_month_facts_update ON orders;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_month_facts_delete ON orders;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS order_month_facts_insert(), order_month_facts_update(), order_month_facts_delete();");

            migrationBuilder.DropTable(
                name: "order_month_facts");

            migrationBuilder.DropIndex(
                name: "ix_customers_kind",
                table: "customers");
        }
    }
}
