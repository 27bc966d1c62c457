using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OrderHistories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "order_version",
                table: "customer_rollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "order_histories",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    order_version = table.Column<long>(type: "bigint", nullable: false),
                    order_count = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_histories", x => x.customer_id);
                });

            // A deleted customer's history goes with them (it has no key to cascade from; see OrderHistoryRow).
            migrationBuilder.Sql("""
                CREATE FUNCTION customers_order_history_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM order_histories h USING old_rows o WHERE h.customer_id = o.id;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER trg_customers_order_history_delete AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION customers_order_history_delete();
                """);

            // The order triggers (statement level, already fired by any update) also bump the order version.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION orders_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, first_order_at, last_order_at, interaction_count, order_version)
                  SELECT customer_id, count(*), sum(amount_cents), min(ordered_at), max(ordered_at), 0, 1 FROM new_rows GROUP BY customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET order_count = r.order_count + excluded.order_count,
                    total_cents = r.total_cents + excluded.total_cents,
                    first_order_at = LEAST(r.first_order_at, excluded.first_order_at),
                    last_order_at = GREATEST(r.last_order_at, excluded.last_order_at),
                    order_version = r.order_version + 1;
                  RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION orders_rollup_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, first_order_at, last_order_at, interaction_count, order_version)
                  SELECT d.customer_id, count(o.id), coalesce(sum(o.amount_cents), 0), min(o.ordered_at), max(o.ordered_at), 0, 1
                  FROM (SELECT customer_id FROM old_rows UNION SELECT customer_id FROM changed_rows) d
                  JOIN customers c ON c.id = d.customer_id
                  LEFT JOIN orders o ON o.customer_id = d.customer_id
                  GROUP BY d.customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET order_count = excluded.order_count, total_cents = excluded.total_cents,
                    first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at, order_version = r.order_version + 1;
                  RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION orders_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE customer_rollups r SET order_count = s.n, total_cents = s.t, first_order_at = s.f, last_order_at = s.l, order_version = r.order_version + 1
                  FROM (SELECT d.customer_id, count(o.id) AS n, coalesce(sum(o.amount_cents), 0) AS t, min(o.ordered_at) AS f, max(o.ordered_at) AS l
                        FROM (SELECT DISTINCT customer_id FROM old_rows) d LEFT JOIN orders o ON o.customer_id = d.customer_id
                        GROUP BY d.customer_id) s
                  WHERE r.customer_id = s.customer_id;
                  RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_customers_order_history_delete ON customers;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS customers_order_history_delete();");
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION orders_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, first_order_at, last_order_at, interaction_count)
                  SELECT customer_id, count(*), sum(amount_cents), min(ordered_at), max(ordered_at), 0 FROM new_rows GROUP BY customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET order_count = r.order_count + excluded.order_count,
                    total_cents = r.total_cents + excluded.total_cents,
                    first_order_at = LEAST(r.first_order_at, excluded.first_order_at),
                    last_order_at = GREATEST(r.last_order_at, excluded.last_order_at);
                  RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION orders_rollup_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, first_order_at, last_order_at, interaction_count)
                  SELECT d.customer_id, count(o.id), coalesce(sum(o.amount_cents), 0), min(o.ordered_at), max(o.ordered_at), 0
                  FROM (SELECT customer_id FROM old_rows UNION SELECT customer_id FROM changed_rows) d
                  JOIN customers c ON c.id = d.customer_id
                  LEFT JOIN orders o ON o.customer_id = d.customer_id
                  GROUP BY d.customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET order_count = excluded.order_count, total_cents = excluded.total_cents,
                    first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at;
                  RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION orders_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE customer_rollups r SET order_count = s.n, total_cents = s.t, first_order_at = s.f, last_order_at = s.l
                  FROM (SELECT d.customer_id, count(o.id) AS n, coalesce(sum(o.amount_cents), 0) AS t, min(o.ordered_at) AS f, max(o.ordered_at) AS l
                        FROM (SELECT DISTINCT customer_id FROM old_rows) d LEFT JOIN orders o ON o.customer_id = d.customer_id
                        GROUP BY d.customer_id) s
                  WHERE r.customer_id = s.customer_id;
                  RETURN NULL;
                END $$;
                """);

            migrationBuilder.DropTable(
                name: "order_histories");

            migrationBuilder.DropColumn(
                name: "order_version",
                table: "customer_rollups");
        }
    }
}
