using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_rollups",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    order_count = table.Column<int>(type: "integer", nullable: false),
                    total_cents = table.Column<long>(type: "bigint", nullable: false),
                    first_order_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_order_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    interaction_count = table.Column<int>(type: "integer", nullable: false),
                    last_contact_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_rollups", x => x.customer_id);
                    table.ForeignKey(
                        name: "fk_customer_rollups_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Statement-level triggers with transition tables: a bulk COPY updates the rollups in one grouped statement.
            migrationBuilder.Sql("""
                CREATE FUNCTION orders_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, first_order_at, last_order_at, interaction_count)
                  SELECT customer_id, count(*), sum(amount_cents), min(ordered_at), max(ordered_at), 0 FROM new_rows GROUP BY customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET order_count = r.order_count + excluded.order_count,
                    total_cents = r.total_cents + excluded.total_cents,
                    first_order_at = LEAST(r.first_order_at, excluded.first_order_at),
                    last_order_at = GREATEST(r.last_order_at, excluded.last_order_at);
                  RETURN NULL;
                END $$;
                CREATE FUNCTION orders_rollup_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
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
                CREATE TRIGGER trg_orders_rollup_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION orders_rollup_insert();
                CREATE TRIGGER trg_orders_rollup_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION orders_rollup_recompute();
                CREATE FUNCTION orders_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE customer_rollups r SET order_count = s.n, total_cents = s.t, first_order_at = s.f, last_order_at = s.l
                  FROM (SELECT d.customer_id, count(o.id) AS n, coalesce(sum(o.amount_cents), 0) AS t, min(o.ordered_at) AS f, max(o.ordered_at) AS l
                        FROM (SELECT DISTINCT customer_id FROM old_rows) d LEFT JOIN orders o ON o.customer_id = d.customer_id
                        GROUP BY d.customer_id) s
                  WHERE r.customer_id = s.customer_id;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER trg_orders_rollup_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION orders_rollup_delete();

                CREATE FUNCTION interactions_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, interaction_count, last_contact_at)
                  SELECT customer_id, 0, 0, count(*), max(occurred_at) FROM new_rows GROUP BY customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET interaction_count = r.interaction_count + excluded.interaction_count,
                    last_contact_at = GREATEST(r.last_contact_at, excluded.last_contact_at);
                  RETURN NULL;
                END $$;
                CREATE FUNCTION interactions_rollup_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO customer_rollups AS r (customer_id, order_count, total_cents, interaction_count, last_contact_at)
                  SELECT d.customer_id, 0, 0, count(i.id), max(i.occurred_at)
                  FROM (SELECT customer_id FROM old_rows UNION SELECT customer_id FROM changed_rows) d
                  JOIN customers c ON c.id = d.customer_id
                  LEFT JOIN interactions i ON i.customer_id = d.customer_id
                  GROUP BY d.customer_id
                  ON CONFLICT (customer_id) DO UPDATE SET interaction_count = excluded.interaction_count, last_contact_at = excluded.last_contact_at;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER trg_interactions_rollup_insert AFTER INSERT ON interactions REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION interactions_rollup_insert();
                CREATE TRIGGER trg_interactions_rollup_update AFTER UPDATE ON interactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION interactions_rollup_recompute();
                CREATE FUNCTION interactions_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE customer_rollups r SET interaction_count = s.n, last_contact_at = s.l
                  FROM (SELECT d.customer_id, count(i.id) AS n, max(i.occurred_at) AS l
                        FROM (SELECT DISTINCT customer_id FROM old_rows) d LEFT JOIN interactions i ON i.customer_id = d.customer_id
                        GROUP BY d.customer_id) s
                  WHERE r.customer_id = s.customer_id;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER trg_interactions_rollup_delete AFTER DELETE ON interactions REFERENCING OLD TABLE AS old_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION interactions_rollup_delete();
                """);
            migrationBuilder.Sql(Guanxi.Data.CustomerRollups.RecomputeAllSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_insert ON orders; ");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_delete ON orders; ");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_update ON orders; ");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_interactions_rollup_insert ON interactions; ");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_interactions_rollup_delete ON interactions; ");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_interactions_rollup_update ON interactions; ");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS orders_rollup_insert(), orders_rollup_recompute(), orders_rollup_delete(), interactions_rollup_insert(), interactions_rollup_recompute(), interactions_rollup_delete();");
            migrationBuilder.DropTable(
                name: "customer_rollups");
        }
    }
}
