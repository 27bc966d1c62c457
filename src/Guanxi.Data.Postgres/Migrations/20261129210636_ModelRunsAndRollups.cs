using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rules = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_models", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "model_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    trigger = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    customer_count = table.Column<int>(type: "integer", nullable: false),
                    load_milliseconds = table.Column<long>(type: "bigint", nullable: false),
                    evaluate_milliseconds = table.Column<long>(type: "bigint", nullable: false),
                    store_milliseconds = table.Column<long>(type: "bigint", nullable: false),
                    parameters = table.Column<string>(type: "text", nullable: false),
                    settings = table.Column<string>(type: "text", nullable: false),
                    class_counts = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "model_custom_labels",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    custom_model_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    recency_days = table.Column<int>(type: "integer", nullable: true),
                    frequency = table.Column<int>(type: "integer", nullable: false),
                    monetary_cents = table.Column<long>(type: "bigint", nullable: false),
                    r = table.Column<short>(type: "smallint", nullable: false),
                    f = table.Column<short>(type: "smallint", nullable: false),
                    m = table.Column<short>(type: "smallint", nullable: false),
                    rfm_segment = table.Column<short>(type: "smallint", nullable: true),
                    value = table.Column<short>(type: "smallint", nullable: true),
                    active = table.Column<short>(type: "smallint", nullable: true),
                    undeveloped = table.Column<short>(type: "smallint", nullable: true),
                    unsatisfied = table.Column<short>(type: "smallint", nullable: true),
                    repeat_purchase = table.Column<short>(type: "smallint", nullable: true),
                    first_purchase = table.Column<short>(type: "smallint", nullable: true),
                    lost = table.Column<short>(type: "smallint", nullable: true),
                    potential = table.Column<short>(type: "smallint", nullable: true),
                    social = table.Column<short>(type: "smallint", nullable: true),
                    comprehensive = table.Column<short>(type: "smallint", nullable: true),
                    lifecycle = table.Column<short>(type: "smallint", nullable: true),
                    category = table.Column<short>(type: "smallint", nullable: true),
                    credit_rating = table.Column<short>(type: "smallint", nullable: true),
                    member_tier = table.Column<short>(type: "smallint", nullable: true),
                    relationship_recommended = table.Column<short>(type: "smallint", nullable: true),
                    relationship_practised = table.Column<short>(type: "smallint", nullable: true),
                    relationship_gap = table.Column<short>(type: "smallint", nullable: true),
                    value_score = table.Column<float>(type: "real", nullable: true),
                    active_score = table.Column<float>(type: "real", nullable: true),
                    undeveloped_score = table.Column<float>(type: "real", nullable: true),
                    unsatisfied_score = table.Column<float>(type: "real", nullable: true),
                    repeat_purchase_score = table.Column<float>(type: "real", nullable: true),
                    first_purchase_score = table.Column<float>(type: "real", nullable: true),
                    lost_score = table.Column<float>(type: "real", nullable: true),
                    potential_score = table.Column<float>(type: "real", nullable: true),
                    social_score = table.Column<float>(type: "real", nullable: true),
                    comprehensive_score = table.Column<float>(type: "real", nullable: true),
                    referrals = table.Column<int>(type: "integer", nullable: false),
                    referral_tree_size = table.Column<int>(type: "integer", nullable: false),
                    referral_tree_revenue_cents = table.Column<long>(type: "bigint", nullable: false),
                    p_alive = table.Column<double>(type: "double precision", nullable: true),
                    expected_purchases30d = table.Column<double>(type: "double precision", nullable: true),
                    expected_purchases90d = table.Column<double>(type: "double precision", nullable: true),
                    expected_purchases365d = table.Column<double>(type: "double precision", nullable: true),
                    expected_order_value = table.Column<double>(type: "double precision", nullable: true),
                    clv = table.Column<double>(type: "double precision", nullable: true)
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
