using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ServiceDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "service_request_id",
                table: "notifications",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "business_calendar_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    is_workday = table.Column<bool>(type: "boolean", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_calendar_days", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    model_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    class_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    types = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    priorities = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    first_response_minutes = table.Column<int>(type: "integer", nullable: false),
                    resolution_minutes = table.Column<int>(type: "integer", nullable: false),
                    follow_up_days = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    contact_id = table.Column<long>(type: "bigint", nullable: true),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    assignee_id = table.Column<long>(type: "bigint", nullable: true),
                    team_id = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    sla_policy_id = table.Column<long>(type: "bigint", nullable: true),
                    response_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resolution_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    next_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    first_responded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    breached_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    warned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    escalated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    follow_up_days = table.Column<int>(type: "integer", nullable: false),
                    follow_up_task_id = table.Column<long>(type: "bigint", nullable: true),
                    acknowledged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    apology = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    remedied_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    remedy = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    visited_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    visit_outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    verdict = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    created_by_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_requests_asp_net_users_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_service_requests_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_service_requests_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_service_requests_sla_policies_sla_policy_id",
                        column: x => x.sla_policy_id,
                        principalTable: "sla_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_service_requests_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "service_request_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    request_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    from_value = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    to_value = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    actor_id = table.Column<long>(type: "bigint", nullable: true),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_request_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_request_events_asp_net_users_actor_id",
                        column: x => x.actor_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_service_request_events_service_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "service_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_request_notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    request_id = table.Column<long>(type: "bigint", nullable: false),
                    to_customer = table.Column<bool>(type: "boolean", nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    author_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_request_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_request_notes_asp_net_users_author_id",
                        column: x => x.author_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_service_request_notes_service_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "service_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "business_calendar_days",
                columns: new[] { "day", "is_workday", "name" },
                values: new object[,]
                {
                    { new DateOnly(2025, 1, 1), false, "元旦" },
                    { new DateOnly(2025, 1, 26), true, "春节调休上班" },
                    { new DateOnly(2025, 1, 28), false, "春节" },
                    { new DateOnly(2025, 1, 29), false, "春节" },
                    { new DateOnly(2025, 1, 30), false, "春节" },
                    { new DateOnly(2025, 1, 31), false, "春节" },
                    { new DateOnly(2025, 2, 1), false, "春节" },
                    { new DateOnly(2025, 2, 2), false, "春节" },
                    { new DateOnly(2025, 2, 3), false, "春节" },
                    { new DateOnly(2025, 2, 4), false, "春节" },
                    { new DateOnly(2025, 2, 8), true, "春节调休上班" },
                    { new DateOnly(2025, 4, 4), false, "清明节" },
                    { new DateOnly(2025, 4, 5), false, "清明节" },
                    { new DateOnly(2025, 4, 6), false, "清明节" },
                    { new DateOnly(2025, 4, 27), true, "劳动节调休上班" },
                    { new DateOnly(2025, 5, 1), false, "劳动节" },
                    { new DateOnly(2025, 5, 2), false, "劳动节" },
                    { new DateOnly(2025, 5, 3), false, "劳动节" },
                    { new DateOnly(2025, 5, 4), false, "劳动节" },
                    { new DateOnly(2025, 5, 5), false, "劳动节" },
                    { new DateOnly(2025, 5, 31), false, "端午节" },
                    { new DateOnly(2025, 6, 1), false, "端午节" },
                    { new DateOnly(2025, 6, 2), false, "端午节" },
                    { new DateOnly(2025, 9, 28), true, "国庆节调休上班" },
                    { new DateOnly(2025, 10, 1), false, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 2), false, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 3), false, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 4), false, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 5), false, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 6), false, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 7), false, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 8), false, "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 11), true, "国庆节调休上班" },
                    { new DateOnly(2026, 1, 1), false, "元旦" },
                    { new DateOnly(2026, 1, 2), false, "元旦" },
                    { new DateOnly(2026, 1, 3), false, "元旦" },
                    { new DateOnly(2026, 1, 4), true, "元旦调休上班" },
                    { new DateOnly(2026, 2, 14), true, "春节调休上班" },
                    { new DateOnly(2026, 2, 15), false, "春节" },
                    { new DateOnly(2026, 2, 16), false, "春节" },
                    { new DateOnly(2026, 2, 17), false, "春节" },
                    { new DateOnly(2026, 2, 18), false, "春节" },
                    { new DateOnly(2026, 2, 19), false, "春节" },
                    { new DateOnly(2026, 2, 20), false, "春节" },
                    { new DateOnly(2026, 2, 21), false, "春节" },
                    { new DateOnly(2026, 2, 22), false, "春节" },
                    { new DateOnly(2026, 2, 23), false, "春节" },
                    { new DateOnly(2026, 2, 28), true, "春节调休上班" },
                    { new DateOnly(2026, 4, 4), false, "清明节" },
                    { new DateOnly(2026, 4, 5), false, "清明节" },
                    { new DateOnly(2026, 4, 6), false, "清明节" },
                    { new DateOnly(2026, 5, 1), false, "劳动节" },
                    { new DateOnly(2026, 5, 2), false, "劳动节" },
                    { new DateOnly(2026, 5, 3), false, "劳动节" },
                    { new DateOnly(2026, 5, 4), false, "劳动节" },
                    { new DateOnly(2026, 5, 5), false, "劳动节" },
                    { new DateOnly(2026, 5, 9), true, "劳动节调休上班" },
                    { new DateOnly(2026, 6, 19), false, "端午节" },
                    { new DateOnly(2026, 6, 20), false, "端午节" },
                    { new DateOnly(2026, 6, 21), false, "端午节" },
                    { new DateOnly(2026, 9, 20), true, "国庆节调休上班" },
                    { new DateOnly(2026, 9, 25), false, "中秋节" },
                    { new DateOnly(2026, 9, 26), false, "中秋节" },
                    { new DateOnly(2026, 9, 27), false, "中秋节" },
                    { new DateOnly(2026, 10, 1), false, "国庆节" },
                    { new DateOnly(2026, 10, 2), false, "国庆节" },
                    { new DateOnly(2026, 10, 3), false, "国庆节" },
                    { new DateOnly(2026, 10, 4), false, "国庆节" },
                    { new DateOnly(2026, 10, 5), false, "国庆节" },
                    { new DateOnly(2026, 10, 6), false, "国庆节" },
                    { new DateOnly(2026, 10, 7), false, "国庆节" },
                    { new DateOnly(2026, 10, 10), true, "国庆节调休上班" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_service_request_id",
                table: "notifications",
                column: "service_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_request_events_actor_id",
                table: "service_request_events",
                column: "actor_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_request_events_request_id_id",
                table: "service_request_events",
                columns: new[] { "request_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_request_notes_author_id",
                table: "service_request_notes",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_request_notes_request_id_id",
                table: "service_request_notes",
                columns: new[] { "request_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_assignee_id_is_open_next_due_at_id",
                table: "service_requests",
                columns: new[] { "assignee_id", "is_open", "next_due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_contact_id",
                table: "service_requests",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_customer_id_status",
                table: "service_requests",
                columns: new[] { "customer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_is_open_next_due_at_id",
                table: "service_requests",
                columns: new[] { "is_open", "next_due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_sla_policy_id",
                table: "service_requests",
                column: "sla_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_team_id",
                table: "service_requests",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_name",
                table: "sla_policies",
                column: "name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_notifications_service_requests_service_request_id",
                table: "notifications",
                column: "service_request_id",
                principalTable: "service_requests",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_notifications_service_requests_service_request_id",
                table: "notifications");

            migrationBuilder.DropTable(
                name: "business_calendar_days");

            migrationBuilder.DropTable(
                name: "service_request_events");

            migrationBuilder.DropTable(
                name: "service_request_notes");

            migrationBuilder.DropTable(
                name: "service_requests");

            migrationBuilder.DropTable(
                name: "sla_policies");

            migrationBuilder.DropIndex(
                name: "ix_notifications_service_request_id",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "service_request_id",
                table: "notifications");
        }
    }
}
