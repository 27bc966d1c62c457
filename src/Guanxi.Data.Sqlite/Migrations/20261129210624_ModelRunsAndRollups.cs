using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ModelRunsAndRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "custom_models",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    rules = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_models", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "model_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    customer_count = table.Column<int>(type: "INTEGER", nullable: false),
                    load_milliseconds = table.Column<long>(type: "INTEGER", nullable: false),
                    evaluate_milliseconds = table.Column<long>(type: "INTEGER", nullable: false),
                    store_milliseconds = table.Column<long>(type: "INTEGER", nullable: false),
                    parameters = table.Column<string>(type: "TEXT", nullable: false),
                    settings = table.Column<string>(type: "TEXT", nullable: false),
                    class_counts = table.Column<string>(type: "TEXT", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "model_custom_labels",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    custom_model_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_custom_labels", x => new { x.run_id, x.custom_model_id, x.customer_id });
                    table.ForeignKey(
                        name: "fk_model_custom_labels_custom_models_custom_model_id",
                        column: x => x.custom_model_id,
                        principalTable: "custom_models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_model_custom_labels_model_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "model_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_results",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recency_days = table.Column<int>(type: "INTEGER", nullable: true),
                    frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    monetary_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    r = table.Column<short>(type: "INTEGER", nullable: false),
                    f = table.Column<short>(type: "INTEGER", nullable: false),
                    m = table.Column<short>(type: "INTEGER", nullable: false),
                    rfm_segment = table.Column<short>(type: "INTEGER", nullable: true),
                    value = table.Column<short>(type: "INTEGER", nullable: true),
                    active = table.Column<short>(type: "INTEGER", nullable: true),
                    undeveloped = table.Column<short>(type: "INTEGER", nullable: true),
                    unsatisfied = table.Column<short>(type: "INTEGER", nullable: true),
                    repeat_purchase = table.Column<short>(type: "INTEGER", nullable: true),
                    first_purchase = table.Column<short>(type: "INTEGER", nullable: true),
                    lost = table.Column<short>(type: "INTEGER", nullable: true),
                    potential = table.Column<short>(type: "INTEGER", nullable: true),
                    social = table.Column<short>(type: "INTEGER", nullable: true),
                    comprehensive = table.Column<short>(type: "INTEGER", nullable: true),
                    lifecycle = table.Column<short>(type: "INTEGER", nullable: true),
                    category = table.Column<short>(type: "INTEGER", nullable: true),
                    credit_rating = table.Column<short>(type: "INTEGER", nullable: true),
                    member_tier = table.Column<short>(type: "INTEGER", nullable: true),
                    relationship_recommended = table.Column<short>(type: "INTEGER", nullable: true),
                    relationship_practised = table.Column<short>(type: "INTEGER", nullable: true),
                    relationship_gap = table.Column<short>(type: "INTEGER", nullable: true),
                    value_score = table.Column<float>(type: "REAL", nullable: true),
                    active_score = table.Column<float>(type: "REAL", nullable: true),
                    undeveloped_score = table.Column<float>(type: "REAL", nullable: true),
                    unsatisfied_score = table.Column<float>(type: "REAL", nullable: true),
                    repeat_purchase_score = table.Column<float>(type: "REAL", nullable: true),
                    first_purchase_score = table.Column<float>(type: "REAL", nullable: true),
                    lost_score = table.Column<float>(type: "REAL", nullable: true),
                    potential_score = table.Column<float>(type: "REAL", nullable: true),
                    social_score = table.Column<float>(type: "REAL", nullable: true),
                    comprehensive_score = table.Column<float>(type: "REAL", nullable: true),
                    referrals = table.Column<int>(type: "INTEGER", nullable: false),
                    referral_tree_size = table.Column<int>(type: "INTEGER", nullable: false),
                    referral_tree_revenue_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    p_alive = table.Column<double>(type: "REAL", nullable: true),
                    expected_purchases30d = table.Column<double>(type: "REAL", nullable: true),
                    expected_purchases90d = table.Column<double>(type: "REAL", nullable: true),
                    expected_purchases365d = table.Column<double>(type: "REAL", nullable: true),
                    expected_order_value = table.Column<double>(type: "REAL", nullable: true),
                    clv = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_results", x => new { x.run_id, x.customer_id });
                    table.ForeignKey(
                        name: "fk_model_results_model_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "model_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_custom_models_name",
                table: "custom_models",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_model_custom_labels_custom_model_id",
                table: "model_custom_labels",
                column: "custom_model_id");

            migrationBuilder.CreateIndex(
                name: "ix_model_runs_status_id",
                table: "model_runs",
                columns: new[] { "status", "id" });

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

            migrationBuilder.DropTable(
                name: "model_custom_labels");

            migrationBuilder.DropTable(
                name: "model_results");

            migrationBuilder.DropTable(
                name: "custom_models");

            migrationBuilder.DropTable(
                name: "model_runs");
        }
    }
}
