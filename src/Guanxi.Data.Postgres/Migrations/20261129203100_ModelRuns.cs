using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ModelRuns : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
