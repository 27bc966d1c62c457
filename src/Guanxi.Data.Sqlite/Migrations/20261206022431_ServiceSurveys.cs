using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "progress_token_hash",
                table: "service_requests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "satisfaction_surveys",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    service_request_id = table.Column<long>(type: "INTEGER", nullable: true),
                    agent_id = table.Column<long>(type: "INTEGER", nullable: true),
                    team_id = table.Column<long>(type: "INTEGER", nullable: true),
                    request_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    score = table.Column<int>(type: "INTEGER", nullable: true),
                    comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_satisfaction_surveys", x => x.id);
                    table.ForeignKey(
                        name: "fk_satisfaction_surveys_asp_net_users_agent_id",
                        column: x => x.agent_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_satisfaction_surveys_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_satisfaction_surveys_service_requests_service_request_id",
                        column: x => x.service_request_id,
                        principalTable: "service_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_satisfaction_surveys_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_progress_token_hash",
                table: "service_requests",
                column: "progress_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_agent_id",
                table: "satisfaction_surveys",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_answered_at",
                table: "satisfaction_surveys",
                column: "answered_at");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_customer_id_answered_at",
                table: "satisfaction_surveys",
                columns: new[] { "customer_id", "answered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_service_request_id",
                table: "satisfaction_surveys",
                column: "service_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_team_id",
                table: "satisfaction_surveys",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_token_hash",
                table: "satisfaction_surveys",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "satisfaction_surveys");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_progress_token_hash",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "progress_token_hash",
                table: "service_requests");
        }
    }
}
