using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "order_histories",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    order_version = table.Column<long>(type: "INTEGER", nullable: false),
                    order_count = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_histories", x => x.customer_id);
                });

            // A deleted customer's history goes with them (it has no key to cascade from; see OrderHistoryRow).
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_customers_order_history_delete AFTER DELETE ON customers BEGIN
                  DELETE FROM order_histories WHERE customer_id = old.id;
                END;
                """);

            // The order triggers also bump the customer's order version, now on an update of any column (a payment
            // recorded changes the history as much as a new amount does).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_update;");
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_insert AFTER INSERT ON orders BEGIN
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET order_count = order_count + 1, total_cents = total_cents + new.amount_cents,
                    first_order_at = CASE WHEN first_order_at IS NULL OR new.ordered_at < first_order_at THEN new.ordered_at ELSE first_order_at END,
                    last_order_at = CASE WHEN last_order_at IS NULL OR new.ordered_at > last_order_at THEN new.ordered_at ELSE last_order_at END,
                    order_version = order_version + 1
                  WHERE customer_id = new.customer_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_delete AFTER DELETE ON orders BEGIN
                  UPDATE customer_rollups SET order_count = order_count - 1, total_cents = total_cents - old.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = old.customer_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_update AFTER UPDATE ON orders BEGIN
                  UPDATE customer_rollups SET order_count = order_count - 1, total_cents = total_cents - old.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = old.customer_id;
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET order_count = order_count + 1, total_cents = total_cents + new.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = new.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = new.customer_id),
                    order_version = order_version + 1
                  WHERE customer_id = new.customer_id;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_customers_order_history_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_update;");
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_insert AFTER INSERT ON orders BEGIN
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET order_count = order_count + 1, total_cents = total_cents + new.amount_cents,
                    first_order_at = CASE WHEN first_order_at IS NULL OR new.ordered_at < first_order_at THEN new.ordered_at ELSE first_order_at END,
                    last_order_at = CASE WHEN last_order_at IS NULL OR new.ordered_at > last_order_at THEN new.ordered_at ELSE last_order_at END
                  WHERE customer_id = new.customer_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_delete AFTER DELETE ON orders BEGIN
                  UPDATE customer_rollups SET order_count = order_count - 1, total_cents = total_cents - old.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = old.customer_id)
                  WHERE customer_id = old.customer_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_rollup_update AFTER UPDATE OF customer_id, amount_cents, ordered_at ON orders BEGIN
                  UPDATE customer_rollups SET order_count = order_count - 1, total_cents = total_cents - old.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = old.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = old.customer_id)
                  WHERE customer_id = old.customer_id;
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET order_count = order_count + 1, total_cents = total_cents + new.amount_cents,
                    first_order_at = (SELECT min(ordered_at) FROM orders WHERE customer_id = new.customer_id),
                    last_order_at = (SELECT max(ordered_at) FROM orders WHERE customer_id = new.customer_id)
                  WHERE customer_id = new.customer_id;
                END;
                """);

            migrationBuilder.DropTable(
                name: "order_histories");

            migrationBuilder.DropColumn(
                name: "order_version",
                table: "customer_rollups");
        }
    }
}
