using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
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
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    order_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    first_order_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_order_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    interaction_count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_contact_at = table.Column<DateTime>(type: "TEXT", nullable: true)
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

            // Kept by triggers so every writer (API, import, demo, merge, cascade) maintains them; backfilled once here.
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
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_interactions_rollup_insert AFTER INSERT ON interactions BEGIN
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET interaction_count = interaction_count + 1,
                    last_contact_at = CASE WHEN last_contact_at IS NULL OR new.occurred_at > last_contact_at THEN new.occurred_at ELSE last_contact_at END
                  WHERE customer_id = new.customer_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_interactions_rollup_delete AFTER DELETE ON interactions BEGIN
                  UPDATE customer_rollups SET interaction_count = interaction_count - 1,
                    last_contact_at = (SELECT max(occurred_at) FROM interactions WHERE customer_id = old.customer_id)
                  WHERE customer_id = old.customer_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_interactions_rollup_update AFTER UPDATE OF customer_id, occurred_at ON interactions BEGIN
                  UPDATE customer_rollups SET interaction_count = interaction_count - 1,
                    last_contact_at = (SELECT max(occurred_at) FROM interactions WHERE customer_id = old.customer_id)
                  WHERE customer_id = old.customer_id;
                  INSERT OR IGNORE INTO customer_rollups (customer_id, order_count, total_cents, interaction_count) VALUES (new.customer_id, 0, 0, 0);
                  UPDATE customer_rollups SET interaction_count = interaction_count + 1,
                    last_contact_at = (SELECT max(occurred_at) FROM interactions WHERE customer_id = new.customer_id)
                  WHERE customer_id = new.customer_id;
                END;
                """);
            migrationBuilder.Sql(Guanxi.Data.CustomerRollups.RecomputeAllSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_rollup_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_interactions_rollup_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_interactions_rollup_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_interactions_rollup_update;");
            migrationBuilder.DropTable(
                name: "customer_rollups");
        }
    }
}
