using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LayeredMaintenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_feeds",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_feeds", x => x.id);
                    table.ForeignKey(
                        name: "fk_calendar_feeds_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "layer_flows",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    model_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    from_class = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    to_class = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    customers = table.Column<int>(type: "integer", nullable: false),
                    buyers = table.Column<int>(type: "integer", nullable: false),
                    revenue_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_layer_flows", x => new { x.run_id, x.model_key, x.from_class, x.to_class });
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: true),
                    task_id = table.Column<long>(type: "bigint", nullable: true),
                    win_back_case_id = table.Column<long>(type: "bigint", nullable: true),
                    run_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "playbooks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    model_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    class_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    cadence_days = table.Column<int>(type: "integer", nullable: false),
                    channels = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    service_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    target_relationship = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    offers = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    care_actions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    steps = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_playbooks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "win_back_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    owner_id = table.Column<long>(type: "bigint", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    apology = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    remedy = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: false),
                    window_days = table.Column<int>(type: "integer", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    run_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_win_back_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_win_back_cases_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_win_back_cases_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "playbook_versions",
                columns: table => new
                {
                    playbook_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_playbook_versions", x => new { x.playbook_id, x.version });
                    table.ForeignKey(
                        name: "fk_playbook_versions_playbooks_playbook_id",
                        column: x => x.playbook_id,
                        principalTable: "playbooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    assignee_id = table.Column<long>(type: "bigint", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    due_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    playbook_id = table.Column<long>(type: "bigint", nullable: true),
                    playbook_version = table.Column<int>(type: "integer", nullable: true),
                    step_key = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    win_back_case_id = table.Column<long>(type: "bigint", nullable: true),
                    created_by_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    interaction_id = table.Column<long>(type: "bigint", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_tasks_asp_net_users_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_tasks_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_tasks_playbooks_playbook_id",
                        column: x => x.playbook_id,
                        principalTable: "playbooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feeds_token_hash",
                table: "calendar_feeds",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calendar_feeds_user_id",
                table: "calendar_feeds",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_layer_flows_model_key_as_of",
                table: "layer_flows",
                columns: new[] { "model_key", "as_of" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_customer_id",
                table: "notifications",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_run_id_kind_customer_id",
                table: "notifications",
                columns: new[] { "run_id", "kind", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_read_at_id",
                table: "notifications",
                columns: new[] { "user_id", "read_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_playbooks_model_key_class_key",
                table: "playbooks",
                columns: new[] { "model_key", "class_key" });

            migrationBuilder.CreateIndex(
                name: "ix_playbooks_name",
                table: "playbooks",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_assignee_id_state_due_at",
                table: "tasks",
                columns: new[] { "assignee_id", "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_customer_id_state",
                table: "tasks",
                columns: new[] { "customer_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_playbook_id_customer_id_step_key",
                table: "tasks",
                columns: new[] { "playbook_id", "customer_id", "step_key" },
                unique: true,
                filter: "state = 'Open' AND playbook_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_playbook_id_due_at",
                table: "tasks",
                columns: new[] { "playbook_id", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_win_back_cases_customer_id",
                table: "win_back_cases",
                column: "customer_id",
                unique: true,
                filter: "state IN ('Open', 'Apologised', 'RemedyOffered')");

            migrationBuilder.CreateIndex(
                name: "ix_win_back_cases_owner_id",
                table: "win_back_cases",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_win_back_cases_state_opened_on",
                table: "win_back_cases",
                columns: new[] { "state", "opened_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_feeds");

            migrationBuilder.DropTable(
                name: "layer_flows");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "playbook_versions");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "win_back_cases");

            migrationBuilder.DropTable(
                name: "playbooks");
        }
    }
}
