using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
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
