using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SalesTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sales_commitments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_commitments", x => x.id);
                    table.ForeignKey(
                        name: "fk_sales_commitments_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sales_targets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: true),
                    team_id = table.Column<long>(type: "INTEGER", nullable: true),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    set_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_targets", x => x.id);
                    table.CheckConstraint("ck_sales_targets_holder", "(user_id IS NULL) <> (team_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_sales_targets_asp_net_users_set_by_id",
                        column: x => x.set_by_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_sales_targets_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sales_targets_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_commitments_period_user_id_id",
                table: "sales_commitments",
                columns: new[] { "period", "user_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_commitments_user_id",
                table: "sales_commitments",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_targets_period_team_id",
                table: "sales_targets",
                columns: new[] { "period", "team_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_targets_period_user_id",
                table: "sales_targets",
                columns: new[] { "period", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_targets_set_by_id",
                table: "sales_targets",
                column: "set_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_targets_team_id",
                table: "sales_targets",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_targets_user_id",
                table: "sales_targets",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sales_commitments");

            migrationBuilder.DropTable(
                name: "sales_targets");
        }
    }
}
